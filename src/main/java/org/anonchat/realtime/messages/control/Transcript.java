package org.anonchat.realtime.messages.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.MessageReceipt;
import org.anonchat.realtime.messages.entity.MessageRejected;
import org.anonchat.realtime.messages.entity.MessageRejected.Reason;
import org.anonchat.realtime.messages.entity.NewMessage;
import org.anonchat.realtime.messages.entity.Posted;
import org.anonchat.realtime.messages.entity.ReceiptRecorded;
import org.anonchat.realtime.messages.entity.RoomCounter;

/**
 * The stored transcript of every room. Each public method is one transaction: when it returns, the
 * change is committed. (Transactional in control, not boundary: {@code Messages} must hold its per-room
 * lock around the commit, which a transactional boundary method could not do.)
 */
@ApplicationScoped
@Transactional
public class Transcript {

  @PersistenceContext(unitName = "chat")
  EntityManager em;

  /**
   * Stores messages, each with its room's next seq, in one transaction. A message whose clientMessageId
   * this user already used in this room (stored before, or earlier in the same batch) is not stored again:
   * its result is the stored one, flagged duplicate.
   */
  public List<Posted> appendAll(List<NewMessage> batch, long now) {
    Map<String, RoomCounter> counters = new HashMap<>();
    Map<String, ChatMessage> sentInBatch = new HashMap<>();
    List<Posted> results = new ArrayList<>(batch.size());
    for (NewMessage m : batch) {
      String key = m.clientMessageId() == null ? null : m.roomId() + '\n' + m.userId() + '\n' + m.clientMessageId();
      ChatMessage earlier = key == null ? null : sentInBatch.computeIfAbsent(key, k -> storedWithClientId(m));
      if (earlier != null) {
        results.add(new Posted(earlier, true));
        continue;
      }
      RoomCounter counter = counters.computeIfAbsent(m.roomId(), this::lockedCounter);
      ChatMessage message = new ChatMessage(UUID.randomUUID().toString(), m.roomId(), counter.next(), m.userId(),
          m.displayName(), m.avatarUrl(), m.content(), now, m.clientMessageId(), m.recipients());
      em.persist(message);
      if (key != null) sentInBatch.put(key, message);
      results.add(new Posted(message, false));
    }
    return results;
  }

  /** The committed message with this clientMessageId; no flush first (the batch's own are in memory). */
  private ChatMessage storedWithClientId(NewMessage m) {
    List<ChatMessage> found = em.createNamedQuery(ChatMessage.BY_CLIENT_ID, ChatMessage.class)
        .setParameter("roomId", m.roomId()).setParameter("userId", m.userId())
        .setParameter("clientMessageId", m.clientMessageId())
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  private RoomCounter lockedCounter(String roomId) {
    RoomCounter counter = em.find(RoomCounter.class, roomId, LockModeType.PESSIMISTIC_WRITE);
    if (counter == null) {
      counter = new RoomCounter(roomId);
      em.persist(counter);
    }
    return counter;
  }

  /**
   * Up to {@code limit} messages in seq order: after {@code afterSeq}, before {@code beforeSeq}, or the
   * latest. The extra row fetched tells whether more exist in the direction of travel.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Page page(String roomId, Long beforeSeq, Long afterSeq, int limit) {
    boolean forward = afterSeq != null;
    String where = forward ? " AND m.seq > :bound" : beforeSeq != null ? " AND m.seq < :bound" : "";
    var query = em.createQuery("SELECT m FROM ChatMessage m WHERE m.roomId = :roomId" + where
            + " ORDER BY m.seq " + (forward ? "ASC" : "DESC"), ChatMessage.class)
        .setParameter("roomId", roomId)
        .setMaxResults(limit + 1);
    if (forward) query.setParameter("bound", afterSeq);
    else if (beforeSeq != null) query.setParameter("bound", beforeSeq);
    List<ChatMessage> rows = new ArrayList<>(query.getResultList());
    boolean hasMore = rows.size() > limit;
    if (hasMore) rows.remove(rows.size() - 1);
    if (!forward) Collections.reverse(rows);
    return new Page(rows, hasMore);
  }

  public record Page(List<ChatMessage> messages, boolean hasMore) {}

  public ChatMessage edit(String roomId, String messageId, String userId, String content, long now, long windowMillis) {
    ChatMessage message = ownMessage(roomId, messageId, userId);
    if (now - message.createdAt() > windowMillis) {
      throw new MessageRejected(Reason.EDIT_WINDOW_CLOSED, "messages can be edited for " + windowMillis / 1000 + " s");
    }
    message.edit(content, now);
    return message;
  }

  public ChatMessage delete(String roomId, String messageId, String userId, long now) {
    ChatMessage message = ownMessage(roomId, messageId, userId);
    message.delete(now);
    return message;
  }

  /**
   * Stores delivered (and, if {@code read}, read) receipts of one recipient for messages of one room, all
   * or nothing. Each recipient's first signal counts once toward the message's aggregate.
   */
  public List<ReceiptRecorded> receipts(String roomId, List<String> messageIds, String userId, String displayName,
      boolean read, long now) {
    List<ReceiptRecorded> recorded = new ArrayList<>();
    for (String messageId : messageIds) {
      // Locking the message serialises concurrent receipts for it, so the counters stay exact.
      ChatMessage message = em.find(ChatMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
      if (message == null || !message.roomId().equals(roomId)) {
        throw new MessageRejected(Reason.NOT_FOUND, "no message " + messageId + " in room " + roomId);
      }
      if (message.userId().equals(userId) || message.isDeleted()) continue;
      MessageReceipt receipt = em.find(MessageReceipt.class, MessageReceipt.key(messageId, userId));
      if (receipt == null) {
        receipt = new MessageReceipt(messageId, userId);
        em.persist(receipt);
      }
      if (receipt.markDelivered(now)) {
        message.countDelivered();
        recorded.add(new ReceiptRecorded(messageId, roomId, userId, displayName, "delivered", now, message.aggregateStatus()));
      }
      if (read && receipt.markRead(now)) {
        message.countRead();
        recorded.add(new ReceiptRecorded(messageId, roomId, userId, displayName, "read", now, message.aggregateStatus()));
      }
    }
    return recorded;
  }

  /** An operator's deletion: any author's message; NOT_FOUND if absent or already deleted. */
  public ChatMessage deleteByOperator(String roomId, String messageId, long now) {
    ChatMessage message = em.find(ChatMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
    if (message == null || !message.roomId().equals(roomId) || message.isDeleted()) {
      throw new MessageRejected(Reason.NOT_FOUND, "no message " + messageId + " in room " + roomId);
    }
    message.delete(now);
    return message;
  }

  /**
   * The newest messages first, optionally only of one room, of one user, or containing {@code text}
   * (case-insensitive), created before {@code beforeCreatedAt} (for paging).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ChatMessage> search(String roomId, String userId, String text, Long beforeCreatedAt, int limit) {
    StringBuilder jpql = new StringBuilder("SELECT m FROM ChatMessage m WHERE 1 = 1");
    if (roomId != null) jpql.append(" AND m.roomId = :roomId");
    if (userId != null) jpql.append(" AND m.userId = :userId");
    if (text != null) jpql.append(" AND LOWER(m.content) LIKE :text ESCAPE '\\'");
    if (beforeCreatedAt != null) jpql.append(" AND m.createdAt < :before");
    var query = em.createQuery(jpql.append(" ORDER BY m.createdAt DESC, m.seq DESC").toString(), ChatMessage.class)
        .setMaxResults(limit);
    if (roomId != null) query.setParameter("roomId", roomId);
    if (userId != null) query.setParameter("userId", userId);
    if (text != null) query.setParameter("text", "%" + likeEscaped(text.toLowerCase(java.util.Locale.ROOT)) + "%");
    if (beforeCreatedAt != null) query.setParameter("before", beforeCreatedAt);
    return query.getResultList();
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private ChatMessage ownMessage(String roomId, String messageId, String userId) {
    ChatMessage message = em.find(ChatMessage.class, messageId, LockModeType.PESSIMISTIC_WRITE);
    if (message == null || !message.roomId().equals(roomId) || message.isDeleted()) {
      throw new MessageRejected(Reason.NOT_FOUND, "no message " + messageId + " in room " + roomId);
    }
    if (!message.userId().equals(userId)) throw new MessageRejected(Reason.FORBIDDEN, "only the author may change a message");
    return message;
  }
}
