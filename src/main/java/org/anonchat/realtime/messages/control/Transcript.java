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

  private final MessageIds ids = new MessageIds();

  /**
   * Stores messages, each with its room's next seq, in one transaction. A message whose clientMessageId this
   * user already used earlier in the same batch is not stored again: its result is that message, flagged
   * duplicate. With {@code lookUpResends}, one stored by an earlier commit is found the same way (a query per
   * message); without, the unique constraint on (user, clientMessageId) refuses it and the whole batch fails,
   * and {@link PostQueue} retries its messages one by one with the lookup. Resends are rare, so the common
   * batch saves the query.
   */
  public List<Posted> appendAll(List<NewMessage> batch, long now, boolean lookUpResends) {
    Map<String, RoomCounter> counters = lockedCounters(batch.stream().map(NewMessage::roomId).distinct().toList());
    Map<String, ChatMessage> sentInBatch = new HashMap<>();
    List<Posted> results = new ArrayList<>(batch.size());
    for (NewMessage m : batch) {
      String key = m.clientMessageId() == null ? null : m.userId() + '\n' + m.clientMessageId();
      ChatMessage earlier = key == null ? null
          : lookUpResends ? sentInBatch.computeIfAbsent(key, k -> storedWithClientId(m)) : sentInBatch.get(key);
      if (earlier != null) {
        results.add(new Posted(earlier, true));
        continue;
      }
      RoomCounter counter = counters.get(m.roomId());
      ChatMessage message = new ChatMessage(ids.next(), m.roomId(), counter.next(), m.userId(),
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
        .setParameter("userId", m.userId())
        .setParameter("clientMessageId", m.clientMessageId())
        .setFlushMode(FlushModeType.COMMIT)
        .getResultList();
    return found.isEmpty() ? null : found.get(0);
  }

  /** The rooms' seq counters, locked (SELECT ... FOR UPDATE) in one query; new rooms get a new counter. */
  private Map<String, RoomCounter> lockedCounters(List<String> roomIds) {
    Map<String, RoomCounter> counters = new HashMap<>();
    em.createQuery("SELECT c FROM RoomCounter c WHERE c.roomId IN :roomIds", RoomCounter.class)
        .setParameter("roomIds", roomIds)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList()
        .forEach(c -> counters.put(c.roomId(), c));
    for (String roomId : roomIds) {
      counters.computeIfAbsent(roomId, id -> {
        RoomCounter counter = new RoomCounter(id);
        em.persist(counter);
        return counter;
      });
    }
    return counters;
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

  /**
   * What a client holding a room's messages up to {@code sinceSeq} missed: up to {@code limit} newer
   * messages in seq order, and the older ones edited or deleted since message {@code sinceSeq} was created
   * (the client cannot have seen a change made before then go missing; one it already saw is repeated, which
   * is harmless since a client applies changes by id).
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Recovery recovery(String roomId, long sinceSeq, int limit) {
    Page missed = page(roomId, null, sinceSeq, limit);
    List<ChatMessage> changed = List.of();
    if (sinceSeq > 0) {
      List<Long> createdAt = em.createQuery(
              "SELECT m.createdAt FROM ChatMessage m WHERE m.roomId = :roomId AND m.seq = :seq", Long.class)
          .setParameter("roomId", roomId).setParameter("seq", sinceSeq).getResultList();
      long since = createdAt.isEmpty() ? 0 : createdAt.get(0);
      changed = em.createNamedQuery(ChatMessage.CHANGED_SINCE, ChatMessage.class)
          .setParameter("roomId", roomId).setParameter("since", since).setParameter("upToSeq", sinceSeq)
          .setMaxResults(limit)
          .getResultList();
    }
    return new Recovery(missed.messages(), missed.hasMore(), changed);
  }

  public record Recovery(List<ChatMessage> missed, boolean hasMore, List<ChatMessage> changed) {}

  /** The receipts stored for these messages, grouped by message id. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Map<String, List<MessageReceipt>> receiptsOf(List<String> messageIds) {
    Map<String, List<MessageReceipt>> byMessage = new HashMap<>();
    if (messageIds.isEmpty()) return byMessage;
    em.createNamedQuery(MessageReceipt.OF_MESSAGES, MessageReceipt.class)
        .setParameter("messageIds", messageIds)
        .getResultList()
        .forEach(r -> byMessage.computeIfAbsent(r.messageId(), k -> new ArrayList<>()).add(r));
    return byMessage;
  }

  /** True once any message was ever stored in the room (its counter exists). */
  @Transactional(Transactional.TxType.SUPPORTS)
  public boolean hasMessages(String roomId) {
    return em.find(RoomCounter.class, roomId) != null;
  }

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
