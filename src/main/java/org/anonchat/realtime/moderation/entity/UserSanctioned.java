package org.anonchat.realtime.moderation.entity;

/** An operator muted or banned a user; the connections component closes a banned user's sockets. */
public record UserSanctioned(Sanction sanction) {}
