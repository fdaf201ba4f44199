package org.anonchat.realtime.connections.entity;

/** An {@code error} event went to a connection; observed by the metrics (errors by code). */
public record ErrorSent(ErrorCode code) {}
