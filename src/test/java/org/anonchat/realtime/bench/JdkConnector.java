package org.anonchat.realtime.bench;

import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@link JdkTransport}s ({@code --client=jdk}): connections are spread over a few HTTP clients (each has
 * one selector thread) that share a small executor. Binding a client to a source address needs {@code
 * HttpClient.Builder.localAddress} (Java 19+), so on Java 17 every client uses 127.0.0.1 and {@link #sourceNote()}
 * says so.
 */
final class JdkConnector implements Target.Connector {

  private static final int SELECTORS = 4;

  private final ExecutorService executor = Executors.newFixedThreadPool(SELECTORS, DaemonThreads.named("bench-ws"));
  private final List<HttpClient> clients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();
  private final String sourceNote;

  JdkConnector(int sources) {
    Method localAddress = sources > 1 ? localAddressMethod() : null;
    int count = Math.max(SELECTORS, localAddress == null ? 1 : sources);
    for (int i = 0; i < count; i++) {
      HttpClient.Builder builder = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10));
      if (localAddress != null) bind(builder, localAddress, 1 + i % sources);
      clients.add(builder.build());
    }
    if (sources <= 1) sourceNote = "source address 127.0.0.1";
    else if (localAddress != null) sourceNote = "source addresses 127.0.0.1-127.0.0." + sources;
    else sourceNote = "source address 127.0.0.1 only: " + sources + " source addresses need Java 19+ with --client=jdk (this is "
        + Runtime.version() + ")";
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
    } catch (ReflectiveOperationException | UnknownHostException e) {
      throw new IllegalStateException("cannot bind to 127.0.0." + lastOctet, e);
    }
  }

  @Override
  public CompletableFuture<Transport> connect(URI uri, Transport.Inbound inbound, Duration timeout) {
    return JdkTransport.connect(clients.get(Math.floorMod(next.getAndIncrement(), clients.size())), uri, inbound, timeout);
  }

  @Override
  public String clientNote() {
    return "client jdk (java.net.http.WebSocket, " + clients.size() + " HTTP clients)";
  }

  @Override
  public String sourceNote() {
    return sourceNote;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
