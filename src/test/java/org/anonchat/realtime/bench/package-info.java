/**
 * The load benchmark: a standalone {@code main} ({@link org.anonchat.realtime.bench.LoadBenchmark}), not a
 * JUnit test, so {@code mvn verify} never runs it. It drives a running server on loopback with JDK WebSocket
 * clients, measures throughput and latency, and checks the delivery guarantees (every member gets every
 * message of its room exactly once, in seq order, seqs gap-free). {@code bench/run.sh} starts a server and
 * runs it; {@code docs/benchmark.md} explains the scenarios and the figures measured.
 */
package org.anonchat.realtime.bench;
