/**
 * Moderation: what operators decided about users and rooms, and the rules the socket enforces from it.
 *
 * <ul>
 *   <li>A user can be muted (may read, may not send or edit messages) or banned (the socket is closed and any
 *       later {@code auth} as that user is refused) until a given time. Sanctions live in memory on this
 *       node and end with a restart (docs/decisions/0041).
 *   <li>A room can be closed (its members are removed and nobody may join) or made private (only the users
 *       listed may join; the members at that moment are listed).
 * </ul>
 *
 * This component never imports {@code connections}: it fires {@link
 * org.anonchat.realtime.moderation.entity.UserSanctioned} and the connections component acts on the
 * sockets.
 */
package org.anonchat.realtime.moderation;
