package org.anonchat.realtime.moderation.entity;

/** A mute or ban of one user, in force until {@code until} (epoch ms). */
public record Sanction(String userId, Kind kind, long until, String reason) {

  public enum Kind {
    /** May stay connected and read, may not send or edit messages. */
    MUTE,
    /** Disconnected and refused at {@code auth}. */
    BAN
  }

  public boolean activeAt(long now) {
    return now < until;
  }
}
