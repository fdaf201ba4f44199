package org.anonchat.realtime.typing.entity;

/** A user started ({@code typing} true) or stopped typing in a room; the room is told. */
public record TypingChanged(Typist typist, String displayName, boolean typing) {}
