package org.anonchat.realtime.messages.entity;

/** The outcome of a send: the stored message, and whether it was a resend of one stored before. */
public record Posted(ChatMessage message, boolean duplicate) {}
