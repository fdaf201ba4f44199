/**
 * Rooms: live membership on this node, and stored access rules. A room opens on its first join and is dropped from
 * memory when its last member is gone; its messages stay in the database. Members are users (several connections
 * each); a member whose connections all closed stays until going offline (docs/decisions/0004). Rooms created with
 * create_room are stored with their owner; private ones admit only invited users and invite-code holders
 * (RoomAccess, docs/decisions/0011). A room id nobody created is an open room. Out of scope: removing members.
 */
package org.anonchat.realtime.rooms;
