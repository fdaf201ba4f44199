package org.anonchat.realtime.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last seq handed out in a room. Updated in the transaction that stores the message, so a rollback
 * also rolls the counter back: seqs have no gaps.
 */
@Entity
@Table(name = "ROOM_COUNTER")
public class RoomCounter {

  @Id
  @Column(name = "ROOM_ID", length = 128)
  private String roomId;

  private long lastSeq;

  protected RoomCounter() {}

  public RoomCounter(String roomId) {
    this.roomId = roomId;
  }

  public String roomId() {
    return roomId;
  }

  public long next() {
    return ++lastSeq;
  }
}
