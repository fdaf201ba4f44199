package org.anonchat.realtime.connections.control;

/**
 * One connection's token buckets (docs/protocol.md, "Abuse limits"): every frame, the writes (send, edit,
 * delete), typing, receipts, and the refused frames that make a persistent offender.
 */
final class ConnectionLimits {

  final RateLimit frames;
  final RateLimit messages;
  final RateLimit typing;
  final RateLimit receipts;
  final RateLimit violations;

  ConnectionLimits(RateLimit frames, RateLimit messages, RateLimit typing, RateLimit receipts, RateLimit violations) {
    this.frames = frames;
    this.messages = messages;
    this.typing = typing;
    this.receipts = receipts;
    this.violations = violations;
  }
}
