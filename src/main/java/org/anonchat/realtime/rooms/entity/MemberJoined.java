package org.anonchat.realtime.rooms.entity;

/**
 * A connection joined a room. {@code newMember} is false when the user was already a member (another tab,
 * or a reconnect inside the grace period): then only that connection is told.
 */
public record MemberJoined(String roomId, String userId, String displayName, String connectionId, boolean newMember) {}
