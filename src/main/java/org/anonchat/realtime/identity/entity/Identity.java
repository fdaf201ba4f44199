package org.anonchat.realtime.identity.entity;

/** Who a connection speaks for, as issued by the server: never taken from the client. */
public record Identity(String userId, String displayName, String avatarUrl, String token, long tokenExpiresAt) {}
