package org.anonchat.realtime.messages.entity;

/**
 * A recipient's first delivered or read signal for a message was stored. {@code status} is "delivered" or
 * "read"; {@code messageStatus} the message's aggregate afterwards.
 */
public record ReceiptRecorded(String messageId, String roomId, String userId, String displayName, String status,
    long at, String messageStatus) {}
