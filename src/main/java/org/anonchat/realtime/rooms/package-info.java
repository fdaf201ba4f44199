/**
 * Rooms: live membership on this node. A room opens on its first join and is dropped from memory when its last
 * member is gone; its messages stay in the database. Members are users (several connections each); a member
 * whose connections all closed stays until going offline (docs/decisions/0004). Out of scope: persistent room
 * catalogue, private rooms and invitations.
 */
package org.anonchat.realtime.rooms;
