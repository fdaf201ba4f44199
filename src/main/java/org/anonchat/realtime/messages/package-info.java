/**
 * Messages: stored before they are announced. A room's messages are numbered by {@code seq} 1, 2, 3...
 * without gaps (the counter row is updated in the same transaction as the insert). Resends with a known
 * clientMessageId are recognised and answered with the original. Receipts are stored per recipient; a
 * message is "delivered" once as many distinct members as it had recipients (other members at send time) have
 * acknowledged it, "read" likewise (docs/decisions/0004). Out of scope: retention and ephemeral messages.
 */
package org.anonchat.realtime.messages;
