package org.anonchat.realtime.bench;

import java.lang.reflect.Method;
import java.net.InetAddress;
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
 * spread over a few HTTP clients (each has one selector thread) that share a small executor. With
 * {@code sources > 1} the clients bind to 127.0.0.1, 127.0.0.2, ... so that more connections than one
 * source address has ephemeral ports can be opened; that needs {@code HttpClient.Builder.localAddress}
 * (Java 19+), so on Java 17 every client uses 127.0.0.1 and {@link #sourceNote()} says so.
 */
final class Target implements AutoCloseable {

  private static final int SELECTORS = 4;

  private final URI ws;
  private final ExecutorService executor;
  private final List<HttpClient> clients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final String sourceNote;

  private Target(URI ws, int sources) {
    this.ws = ws;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(SELECTORS, r -> {
      Thread t = new Thread(r, "bench-ws-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Method localAddress = sources > 1 ? localAddressMethod() : null;
    int count = Math.max(SELECTORS, localAddress == null ? 1 : sources);
    for (int i = 0; i < count; i++) {
      HttpClient.Builder builder = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10));
      if (localAddress != null) bind(builder, localAddress, 1 + i % sources);
      clients.add(builder.build());
    }
    if (sources <= 1) sourceNote = "source address 127.0.0.1";
    else if (localAddress != null) sourceNote = "source addresses 127.0.0.1-127.0.0." + sources;
    else sourceNote = "source address 127.0.0.1 only: " + sources + " source addresses need Java 19+ (this is "
        + Runtime.version() + ")";
  }

  /** {@code base} like http://127.0.0.1:8080/; the socket is {@code <base>ws} on 127.0.0.1. */
  static Target of(String base) {
    return of(base, 1);
  }

  static Target of(String base, int sources) {
    URI uri = URI.create(base);
    String host = uri.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("only 127.0.0.1 may be targeted, not " + host);
    }
    if (uri.getPort() < 1) throw new IllegalArgumentException("the URL needs a port: " + base);
    if (sources < 1 || sources > 250) throw new IllegalArgumentException("sources must be 1..250");
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    if (!path.endsWith("/")) path += "/";
    return new Target(URI.create("ws://127.0.0.1:" + uri.getPort() + path + "ws"), sources);
  }

  private static Method localAddressMethod() {
    try {
      return HttpClient.Builder.class.getMethod("localAddress", InetAddress.class);
    } catch (NoSuchMethodException e) {
      return null; // Java 17/18
    }
  }

  private static void bind(HttpClient.Builder builder, Method localAddress, int lastOctet) {
    try {
      localAddress.invoke(builder, InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet}));
    } catch (ReflectiveOperationException | java.net.UnknownHostException e) {
      throw new IllegalStateException("cannot bind to 127.0.0." + lastOctet, e);
    }
  }

  URI ws() {
    return ws;
  }

  String sourceNote() {
    return sourceNote;
  }

  HttpClient http() {
    return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
