package org.anonchat.realtime.metrics.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LatencyWindowTest {

  @Test
  void nearestRankPercentilesOfTheRecordedDurations() {
    LatencyWindow cut = new LatencyWindow(100);
    for (int i = 100; i >= 1; i--) cut.record(i);
    assertArrayEquals(new long[] {50, 95, 99, 100}, cut.percentiles(50, 95, 99, 100));
  }

  @Test
  void onlyTheMostRecentCapacityCount() {
    LatencyWindow cut = new LatencyWindow(4);
    for (int i = 0; i < 4; i++) cut.record(1_000);
    for (int i = 0; i < 4; i++) cut.record(1);
    assertArrayEquals(new long[] {1}, cut.percentiles(100));
  }

  @Test
  void nothingRecordedIsAllZero() {
    assertArrayEquals(new long[] {0, 0}, new LatencyWindow(8).percentiles(50, 99));
  }
}
