package org.anonchat.realtime.messages.entity;

/** A committed edit ({@code deleted} false) or deletion of a message. */
public record MessageChanged(ChatMessage message, boolean deleted) {}
