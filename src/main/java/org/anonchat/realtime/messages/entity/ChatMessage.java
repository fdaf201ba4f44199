package org.anonchat.realtime.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One chat message as stored. The id is a server UUID assigned before persisting (no database-generated
 * keys: portable, and the id is known before the commit). {@code seq} numbers a room's messages 1, 2, 3...
 * with no gaps. Times are epoch milliseconds, as on the wire. Content is stored exactly as sent; escaping
 * is the renderer's job.
 */
@Entity
@Table(
    name = "CHAT_MESSAGE",
    uniqueConstraints = {
      @UniqueConstraint(name = "UQ_MESSAGE_ROOM_SEQ", columnNames = {"ROOM_ID", "SEQ"}),
      // A clientMessageId names one message of its user, whichever room: a retry can never store twice,
      // even across restarts or (later) several server instances.
      @UniqueConstraint(name = "UQ_MESSAGE_USER_CLIENT_ID", columnNames = {"USER_ID", "CLIENT_MESSAGE_ID"})
    },
    // No separate (ROOM_ID, SEQ) index: the unique constraint above is one, and every index costs each
    // commit a page rewrite (decision 0032). Pages and history read through the constraint's index.
    indexes = @Index(name = "IX_MESSAGE_ROOM_CHANGED", columnList = "ROOM_ID, CHANGED_AT"))
@NamedQuery(
    name = ChatMessage.BY_CLIENT_ID,
    query = "SELECT m FROM ChatMessage m WHERE m.userId = :userId AND m.clientMessageId = :clientMessageId")
@NamedQuery(
    name = ChatMessage.CHANGED_SINCE,
    query = "SELECT m FROM ChatMessage m WHERE m.roomId = :roomId AND m.changedAt >= :since AND m.seq <= :upToSeq"
        + " ORDER BY m.seq")
public class ChatMessage {

  public static final String BY_CLIENT_ID = "ChatMessage.byClientId";
  public static final String CHANGED_SINCE = "ChatMessage.changedSince";

  @Id
  @Column(length = 36)
  private String id;

  @Column(name = "ROOM_ID", nullable = false, length = 128)
  private String roomId;

  @Column(name = "SEQ", nullable = false)
  private long seq;

  @Column(name = "USER_ID", nullable = false, length = 64)
  private String userId;

  @Column(nullable = false, length = 256)
  private String displayName;

  @Column(length = 2048)
  private String avatarUrl;

  @Column(nullable = false, length = 65536)
  private String content;

  @Column(nullable = false)
  private long createdAt;

  @Column(name = "CLIENT_MESSAGE_ID", length = 128)
  private String clientMessageId;

  private Long editedAt;

  private Long deletedAt;

  /** The last edit or delete, null if none: lets a reconnecting client learn what changed while it was away. */
  @Column(name = "CHANGED_AT")
  private Long changedAt;

  /** Other members of the room when it was sent: the number of receipts that make it "delivered"/"read". */
  private int recipients;

  private int deliveredCount;

  private int readCount;

  protected ChatMessage() {}

  public ChatMessage(String id, String roomId, long seq, String userId, String displayName, String avatarUrl,
      String content, long createdAt, String clientMessageId, int recipients) {
    this.id = id;
    this.roomId = roomId;
    this.seq = seq;
    this.userId = userId;
    this.displayName = displayName;
    this.avatarUrl = avatarUrl;
    this.content = content;
    this.createdAt = createdAt;
    this.clientMessageId = clientMessageId;
    this.recipients = recipients;
  }

  public void edit(String newContent, long at) {
    this.content = newContent;
    this.editedAt = at;
    this.changedAt = at;
  }

  /** Deleting keeps the row (and its seq, so history stays gap-free) but forgets the text. */
  public void delete(long at) {
    this.content = "";
    this.deletedAt = at;
    this.changedAt = at;
  }

  public void countDelivered() {
    deliveredCount++;
  }

  public void countRead() {
    readCount++;
  }

  /**
   * sent; delivered once as many distinct other users acknowledged it as there were other members when it
   * was sent; read likewise (docs/decisions/0004).
   */
  public String aggregateStatus() {
    if (recipients > 0 && readCount >= recipients) return "read";
    if (recipients > 0 && deliveredCount >= recipients) return "delivered";
    return "sent";
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }

  public String id() { return id; }
  public String roomId() { return roomId; }
  public long seq() { return seq; }
  public String userId() { return userId; }
  public String displayName() { return displayName; }
  public String avatarUrl() { return avatarUrl; }
  public String content() { return content; }
  public long createdAt() { return createdAt; }
  public String clientMessageId() { return clientMessageId; }
  public Long editedAt() { return editedAt; }
  public Long deletedAt() { return deletedAt; }
  public int recipients() { return recipients; }
}
