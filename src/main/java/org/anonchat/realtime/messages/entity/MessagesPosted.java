package org.anonchat.realtime.messages.entity;

import java.util.List;

/**
 * Messages committed together (one group commit), in seq order per room. One event per commit rather than
 * per message lets fan-out hand each socket everything of the commit in one write.
 */
public record MessagesPosted(List<ChatMessage> messages) {}
