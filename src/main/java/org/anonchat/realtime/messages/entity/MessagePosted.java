package org.anonchat.realtime.messages.entity;

/** A message was committed; fired in seq order per room. */
public record MessagePosted(ChatMessage message) {}
