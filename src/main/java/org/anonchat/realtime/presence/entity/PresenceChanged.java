package org.anonchat.realtime.presence.entity;

/** A user's presence as others see it changed; those who share a room with the user are told. */
public record PresenceChanged(String userId, String displayName, String walletAddress, PresenceStatus status,
    long lastSeen) {}
