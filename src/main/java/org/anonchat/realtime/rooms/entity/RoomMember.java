package org.anonchat.realtime.rooms.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A user admitted to a private room (invited, or joined with an invite code). Stored. */
@Entity
@Table(name = "ROOM_MEMBER")
@IdClass(RoomMember.Key.class)
public class RoomMember {

  @Id
  @Column(name = "ROOM_ID", length = 64)
  private String roomId;

  @Id
  @Column(name = "USER_ID", length = 64)
  private String userId;

  private long admittedAt;

  protected RoomMember() {}

  public RoomMember(String roomId, String userId, long admittedAt) {
    this.roomId = roomId;
    this.userId = userId;
    this.admittedAt = admittedAt;
  }

  public static final class Key implements Serializable {
    private String roomId;
    private String userId;

    public Key() {}

    public Key(String roomId, String userId) {
      this.roomId = roomId;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(roomId, k.roomId) && Objects.equals(userId, k.userId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(roomId, userId);
    }
  }
}
