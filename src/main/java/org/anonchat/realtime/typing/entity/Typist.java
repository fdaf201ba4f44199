package org.anonchat.realtime.typing.entity;

/** A user typing in a room. */
public record Typist(String roomId, String userId) {}
