package org.anonchat.realtime.messages.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.anonchat.realtime.messages.control.PostQueue;
import org.anonchat.realtime.messages.control.Transcript;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.MessageChanged;
import org.anonchat.realtime.messages.entity.MessageReceipt;
import org.anonchat.realtime.messages.entity.NewMessage;
import org.anonchat.realtime.messages.entity.MessageRejected;
import org.anonchat.realtime.messages.entity.MessageRejected.Reason;
import org.anonchat.realtime.messages.entity.Posted;
import org.anonchat.realtime.messages.entity.ReceiptRecorded;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posting, editing, deleting and acknowledging messages. Every change is committed before its event is
 * fired, so nothing is announced that could still roll back. Posts go through {@link PostQueue}: per room,
 * from seq allocation to the {@link MessagesPosted} event, in order, with many posts sharing a commit.
 */
@ApplicationScoped
public class Messages {

  @Inject
  @ConfigProperty(name = "chat.messages.max-length", defaultValue = "2000")
  int maxLength;

  @Inject
  @ConfigProperty(name = "chat.messages.edit-window-ms", defaultValue = "300000")
  long editWindowMillis;

  @Inject
  Transcript transcript;

  @Inject
  PostQueue queue;

  @Inject
  Event<MessageChanged> changed;

  @Inject
  Event<ReceiptRecorded> receipts;

  /**
   * Stores a message and announces it, without waiting: the stage completes after the commit and the
   * announcement. A resend with a clientMessageId this user already used completes with the stored message,
   * flagged duplicate, and announces nothing. Invalid content is refused at once (thrown).
   */
  public CompletionStage<Posted> submit(String roomId, String userId, String displayName, String avatarUrl,
      String content, String clientMessageId, int recipients) {
    checkContent(content);
    return queue.submit(new NewMessage(roomId, userId, displayName, avatarUrl, content, clientMessageId, recipients));
  }

  /** {@link #submit}, waiting for the commit. */
  public Posted post(String roomId, String userId, String displayName, String avatarUrl, String content,
      String clientMessageId, int recipients) {
    checkContent(content);
    return queue.post(new NewMessage(roomId, userId, displayName, avatarUrl, content, clientMessageId, recipients));
  }

  /** Posts submitted and not yet stored and announced (a graceful stop waits for them). */
  public int pendingPosts() {
    return queue.pending();
  }

  public ChatMessage edit(String roomId, String messageId, String userId, String content) {
    checkContent(content);
    ChatMessage edited = transcript.edit(roomId, messageId, userId, content, System.currentTimeMillis(), editWindowMillis);
    changed.fire(new MessageChanged(edited, false));
    return edited;
  }

  public ChatMessage delete(String roomId, String messageId, String userId) {
    ChatMessage deleted = transcript.delete(roomId, messageId, userId, System.currentTimeMillis());
    changed.fire(new MessageChanged(deleted, true));
    return deleted;
  }

  /** An operator deletes any message; the room hears {@code message_deleted} as for an author's delete. */
  public ChatMessage deleteByOperator(String roomId, String messageId) {
    ChatMessage deleted = transcript.deleteByOperator(roomId, messageId, System.currentTimeMillis());
    changed.fire(new MessageChanged(deleted, true));
    return deleted;
  }

  public List<ChatMessage> search(String roomId, String userId, String text, Long beforeCreatedAt, int limit) {
    return transcript.search(roomId, userId, text, beforeCreatedAt, limit);
  }

  /** Records delivered (or read, which implies delivered) receipts; the room hears each first one. */
  public void acknowledge(String roomId, List<String> messageIds, String userId, String displayName, boolean read) {
    List<ReceiptRecorded> recorded =
        transcript.receipts(roomId, messageIds, userId, displayName, read, System.currentTimeMillis());
    recorded.forEach(receipts::fire);
  }

  public boolean hasMessages(String roomId) {
    return transcript.hasMessages(roomId);
  }

  public Transcript.Page history(String roomId, Long beforeSeq, Long afterSeq, int limit) {
    return transcript.page(roomId, beforeSeq, afterSeq, limit);
  }

  /**
   * Runs {@code joinAndRecover} (join the room, read what was missed, queue it to the client) with no
   * message of the room announced meanwhile, so the client gets each message exactly once: in the
   * recovery if it was committed before, live otherwise.
   */
  public void withoutAnnouncements(String roomId, Runnable joinAndRecover) {
    queue.exclusive(roomId, joinAndRecover);
  }

  public Transcript.Recovery recovery(String roomId, long sinceSeq, int limit) {
    return transcript.recovery(roomId, sinceSeq, limit);
  }

  public Map<String, List<MessageReceipt>> receiptsOf(List<String> messageIds) {
    return transcript.receiptsOf(messageIds);
  }

  /** Content must have 1..max characters (code points) after trimming; it is stored untrimmed. */
  void checkContent(String content) {
    String trimmed = content.strip();
    if (trimmed.isEmpty()) throw new MessageRejected(Reason.INVALID, "content must not be blank");
    if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
      throw new MessageRejected(Reason.TOO_LARGE, "content is longer than " + maxLength + " characters");
    }
  }
}
