package org.anonchat.realtime.connections.entity;

import java.util.Set;

/** An open connection as operators see it. {@code userId} and {@code displayName} are null before auth. */
public record ConnectionInfo(String id, String userId, String displayName, String address, Set<String> rooms,
    long connectedSince) {}
