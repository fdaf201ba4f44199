/**
 * Messages: stored before they are announced. A room's messages are numbered by {@code seq} 1, 2, 3...
 * without gaps (the counter row is updated in the same transaction as the insert). Resends with a known
 * clientMessageId are recognised and answered with the original. Receipts are stored per recipient; a
 * message is "delivered" once every other member at send time has acknowledged it, "read" once every such
 * member has read it. Out of scope: retention and ephemeral messages.
 */
package org.anonchat.realtime.messages;
