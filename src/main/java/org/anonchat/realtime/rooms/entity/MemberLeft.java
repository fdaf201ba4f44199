package org.anonchat.realtime.rooms.entity;

/** A user is no longer a member of a room (explicit leave, or gone for good after the grace period). */
public record MemberLeft(String roomId, String userId) {}
