package org.anonchat.realtime.metrics.entity;

/**
 * The live figures of one second. Rates are per second over the last sampling interval; latencies are
 * percentiles, in microseconds, of the most recent room fan-outs (see LatencyWindow).
 */
public record StatsSample(long at, int connections, int usersOnline, int rooms, double messagesPerSecond,
    double deliveriesPerSecond, long messagesTotal, long deliveriesTotal, long fanoutP50Micros, long fanoutP95Micros,
    long fanoutP99Micros, long fanoutSamples) {}
