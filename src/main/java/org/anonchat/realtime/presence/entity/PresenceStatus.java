package org.anonchat.realtime.presence.entity;

import java.util.Locale;

/** A user's presence as shown to others; a client may only choose between online and away. */
public enum PresenceStatus {
  ONLINE,
  AWAY,
  OFFLINE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PresenceStatus settable(String wire) {
    return switch (wire) {
      case "online" -> ONLINE;
      case "away" -> AWAY;
      default -> throw new IllegalArgumentException("status must be online or away");
    };
  }
}
