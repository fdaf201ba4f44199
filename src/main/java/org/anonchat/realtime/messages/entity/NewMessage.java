package org.anonchat.realtime.messages.entity;

/** A message to be stored: what the sender said, and how many other members the room had at that moment. */
public record NewMessage(String roomId, String userId, String displayName, String avatarUrl, String content,
    String clientMessageId, int recipients) {}
