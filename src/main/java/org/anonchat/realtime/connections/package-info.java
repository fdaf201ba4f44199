/**
 * Connections: the {@code /ws} socket, the wire protocol (one codec, {@code Wire}; sealed
 * {@code ClientCommand} and {@code ServerEvent}) and delivery to sockets.
 *
 * <p>Decisions: the endpoint only decodes and delegates; every frame out goes through a per-connection
 * outbox drained by async sends, so a slow peer never blocks a broadcast and is cut off when it falls too
 * far behind; broadcasts are encoded once; fan-out goes through the {@code Delivery} seam. This component
 * may use every other; none of them imports it (they publish CDI events that {@code Fanout} maps onto the
 * wire). Abuse limits (token buckets, connection caps, auth deadline, 1008 for persistent offenders) and the
 * handshake's Origin check live here too (docs/decisions/0012). See docs/protocol.md.
 */
package org.anonchat.realtime.connections;
