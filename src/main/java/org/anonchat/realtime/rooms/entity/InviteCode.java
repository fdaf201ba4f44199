package org.anonchat.realtime.rooms.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A code that admits whoever presents it to one private room until it expires. Any number of uses. */
@Entity
@Table(name = "ROOM_INVITE_CODE")
@NamedQuery(name = InviteCode.DELETE_EXPIRED, query = "DELETE FROM InviteCode c WHERE c.expiresAt <= :now")
public class InviteCode {

  public static final String DELETE_EXPIRED = "InviteCode.deleteExpired";

  @Id
  @Column(length = 64)
  private String code;

  @Column(name = "ROOM_ID", nullable = false, length = 64)
  private String roomId;

  @Column(nullable = false, length = 64)
  private String createdBy;

  private long expiresAt;

  protected InviteCode() {}

  public InviteCode(String code, String roomId, String createdBy, long expiresAt) {
    this.code = code;
    this.roomId = roomId;
    this.createdBy = createdBy;
    this.expiresAt = expiresAt;
  }

  public String code() {
    return code;
  }

  public long expiresAt() {
    return expiresAt;
  }

  public boolean admits(String roomId, long now) {
    return this.roomId.equals(roomId) && now < expiresAt;
  }
}
