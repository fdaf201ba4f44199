package org.anonchat.realtime.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One recipient's delivered/read state of one message; the key is {@code messageId|userId}. */
@Entity
@Table(name = "MESSAGE_RECEIPT", indexes = @Index(name = "IX_RECEIPT_MESSAGE", columnList = "MESSAGEID"))
@NamedQuery(name = MessageReceipt.OF_MESSAGES,
    query = "SELECT r FROM MessageReceipt r WHERE r.messageId IN :messageIds ORDER BY r.messageId, r.userId")
public class MessageReceipt {

  public static final String OF_MESSAGES = "MessageReceipt.ofMessages";

  @Id
  @Column(length = 200)
  private String id;

  @Column(nullable = false, length = 36)
  private String messageId;

  @Column(nullable = false, length = 64)
  private String userId;

  private Long deliveredAt;

  private Long readAt;

  protected MessageReceipt() {}

  public MessageReceipt(String messageId, String userId) {
    this.id = key(messageId, userId);
    this.messageId = messageId;
    this.userId = userId;
  }

  public static String key(String messageId, String userId) {
    return messageId + "|" + userId;
  }

  /** True the first time: only then does it count toward the message's aggregate. */
  public boolean markDelivered(long at) {
    if (deliveredAt != null) return false;
    deliveredAt = at;
    return true;
  }

  public boolean markRead(long at) {
    if (readAt != null) return false;
    readAt = at;
    return true;
  }

  public String messageId() {
    return messageId;
  }

  public String userId() {
    return userId;
  }

  public Long deliveredAt() {
    return deliveredAt;
  }

  public Long readAt() {
    return readAt;
  }
}
