/**
 * Observability: the application's own Prometheus metrics (MicroProfile Metrics, served by the server at
 * {@code /metrics?scope=application}) and the live figures the admin dashboard shows once a second.
 *
 * <p>Counting is cheap and off the socket code: stored messages are counted from {@code MessagesPosted},
 * deliveries and fan-out time by a CDI decorator around the connections component's {@code Delivery}, errors
 * from {@code ErrorSent}. Nothing here blocks a sender.
 */
package org.anonchat.realtime.metrics;
