package org.anonchat.realtime.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server under test, always on 127.0.0.1: the benchmark refuses any other host. Its connections are opened
 * by one of two clients ({@code --client}): {@code nio} (the default, {@link NioConnector}: a hand-written
 * client on {@code --client.threads} selector threads, default 1) or {@code jdk} ({@link JdkConnector}: the
 * JDK's {@code java.net.http.WebSocket}, which costs the generator several times more CPU per received frame).
 * With {@code sources > 1} connections come from 127.0.0.1, 127.0.0.2, ... in turn, so that more connections
 * than one source address has ephemeral ports can be opened.
 */
final class Target implements AutoCloseable {

  static final List<String> CLIENTS = List.of("nio", "jdk");

  /** Opens {@link Transport}s to the server. */
  interface Connector extends AutoCloseable {
    CompletableFuture<Transport> connect(URI uri, Transport.Inbound inbound, Duration timeout);

    /** Which client, for the reports. */
    String clientNote();

    /** Which source addresses the connections come from, for the reports. */
    String sourceNote();

    @Override
    void close();
  }

  private final URI ws;
  private final Connector connector;

  private Target(URI ws, Connector connector) {
    this.ws = ws;
    this.connector = connector;
  }

  /**
   * {@code base} like http://127.0.0.1:8080/ (the socket is {@code <base>ws} on 127.0.0.1); {@code client}
   * {@code nio} or {@code jdk}; {@code threads} the nio client's selector threads.
   */
  static Target of(String base, int sources, String client, int threads) {
    URI uri = URI.create(base);
    String host = uri.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("only 127.0.0.1 may be targeted, not " + host);
    }
    if (uri.getPort() < 1) throw new IllegalArgumentException("the URL needs a port: " + base);
    if (sources < 1 || sources > 250) throw new IllegalArgumentException("sources must be 1..250");
    if (!CLIENTS.contains(client)) throw new IllegalArgumentException("client must be one of " + CLIENTS + ", not " + client);
    if (threads < 1 || threads > 64) throw new IllegalArgumentException("client.threads must be 1..64");
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    if (!path.endsWith("/")) path += "/";
    URI ws = URI.create("ws://127.0.0.1:" + uri.getPort() + path + "ws");
    return new Target(ws, client.equals("jdk") ? new JdkConnector(sources) : new NioConnector(sources, threads));
  }

  URI ws() {
    return ws;
  }

  String clientNote() {
    return connector.clientNote();
  }

  String sourceNote() {
    return connector.sourceNote();
  }

  /** Opens one connection; completes once the server accepted the upgrade, fails after {@code timeout}. */
  CompletableFuture<Transport> connect(Transport.Inbound inbound, Duration timeout) {
    return connector.connect(ws, inbound, timeout);
  }

  @Override
  public void close() {
    connector.close();
  }
}
