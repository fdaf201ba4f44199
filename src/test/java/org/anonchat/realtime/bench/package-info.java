/**
 * The load benchmark: a standalone {@code main} ({@link org.anonchat.realtime.bench.LoadBenchmark}) that drives a
 * running server on loopback with WebSocket clients (a hand-written NIO client, or the JDK's with {@code
 * --client=jdk}) in the scenarios fanout, rooms, connections, churn and slow-reader; measures deliveries/s,
 * end-to-end latency, ready time and the server's CPU, RSS and heap; checks the delivery guarantees (every
 * member gets every message of its room exactly once, in seq order, seqs gap-free: zero loss, zero
 * duplicates); and writes JSON, Markdown and an SVG latency chart per scenario. {@code bench/run.sh} starts the
 * uber-jar and runs it; {@code docs/performance.md} explains the scenarios and the figures measured. {@link
 * org.anonchat.realtime.bench.BenchmarkSmokeIT} runs each scenario tiny in {@code mvn verify} so the harness
 * cannot rot.
 */
package org.anonchat.realtime.bench;
