package org.anonchat.realtime.rooms.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A room someone created with {@code create_room}: its name, owner and whether it is private. Stored, so a
 * private room stays private across restarts. Room ids nobody created have no row: open public rooms.
 */
@Entity
@Table(name = "CHAT_ROOM")
public class RoomDefinition {

  @Id
  @Column(name = "ROOM_ID", length = 64)
  private String roomId;

  @Column(nullable = false, length = 256)
  private String name;

  @Column(name = "IS_PRIVATE", nullable = false)
  private boolean isPrivate;

  @Column(name = "OWNER_ID", nullable = false, length = 64)
  private String ownerId;

  private long createdAt;

  protected RoomDefinition() {}

  public RoomDefinition(String roomId, String name, boolean isPrivate, String ownerId, long createdAt) {
    this.roomId = roomId;
    this.name = name;
    this.isPrivate = isPrivate;
    this.ownerId = ownerId;
    this.createdAt = createdAt;
  }

  public void makePrivate() {
    isPrivate = true;
  }

  public String roomId() {
    return roomId;
  }

  public String name() {
    return name;
  }

  public boolean isPrivate() {
    return isPrivate;
  }

  public String ownerId() {
    return ownerId;
  }

  public boolean isOwner(String userId) {
    return ownerId.equals(userId);
  }
}
