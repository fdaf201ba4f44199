package org.anonchat.realtime.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server under test, always on 127.0.0.1: the benchmark refuses any other host. Connections are
 * spread over a few HTTP clients (each has one selector thread) that share a small executor.
 */
final class Target implements AutoCloseable {

  private static final int SELECTORS = 4;

  private final URI ws;
  private final ExecutorService executor;
  private final List<HttpClient> clients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  private Target(URI ws) {
    this.ws = ws;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(SELECTORS, r -> {
      Thread t = new Thread(r, "bench-ws-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    for (int i = 0; i < SELECTORS; i++) {
      clients.add(HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10)).build());
    }
  }

  /** {@code base} like http://127.0.0.1:8080/; the socket is {@code <base>ws} on 127.0.0.1. */
  static Target of(String base) {
    URI uri = URI.create(base);
    String host = uri.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("only 127.0.0.1 may be targeted, not " + host);
    }
    if (uri.getPort() < 1) throw new IllegalArgumentException("the URL needs a port: " + base);
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    if (!path.endsWith("/")) path += "/";
    return new Target(URI.create("ws://127.0.0.1:" + uri.getPort() + path + "ws"));
  }

  URI ws() {
    return ws;
  }

  HttpClient http() {
    return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
