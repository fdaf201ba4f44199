package org.anonchat.realtime.pages.server;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** While closed, WebSocket handshakes wait (bounded) instead of completing; opening lets them through. */
@ApplicationScoped
public class HandshakeGate {

  private static final long MAX_HOLD_SECONDS = 30;

  private volatile CountDownLatch closed;
  private volatile int held;

  public void close() {
    closed = new CountDownLatch(1);
    held = 0;
  }

  public void open() {
    CountDownLatch latch = closed;
    closed = null;
    if (latch != null) latch.countDown();
  }

  /** How many handshakes arrived while the gate was closed. */
  public int held() {
    return held;
  }

  void pass() throws InterruptedException {
    CountDownLatch latch = closed;
    if (latch == null) return;
    held++;
    latch.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS); // never hold a server thread for ever, whatever the test does
  }
}
