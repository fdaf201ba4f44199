package org.anonchat.realtime.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens {@link NioTransport}s ({@code --client=nio}), spread in turn over the selector threads and, with
 * several sources, over the source addresses (a plain socket bind, so any Java version can use them).
 */
final class NioConnector implements Target.Connector {

  private final List<NioLoop> loops = new ArrayList<>();
  private final List<InetAddress> sources = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  NioConnector(int sourceCount, int threads) {
    ThreadFactory named = DaemonThreads.named("bench-nio");
    try {
      for (int i = 0; i < threads; i++) loops.add(new NioLoop(named));
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot open a selector", e);
    }
    if (sourceCount > 1) {
      for (int i = 1; i <= sourceCount; i++) sources.add(loopback(i));
    }
  }

  private static InetAddress loopback(int lastOctet) {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) lastOctet});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("cannot bind to 127.0.0." + lastOctet, e);
    }
  }

  @Override
  public CompletableFuture<Transport> connect(URI uri, Transport.Inbound inbound, Duration timeout) {
    int n = next.getAndIncrement();
    InetAddress source = sources.isEmpty() ? null : sources.get(Math.floorMod(n, sources.size()));
    return NioTransport.open(loops.get(Math.floorMod(n, loops.size())), uri, source, inbound, timeout);
  }

  @Override
  public String clientNote() {
    return "client nio (" + loops.size() + " selector thread" + (loops.size() == 1 ? ")" : "s)");
  }

  @Override
  public String sourceNote() {
    return sources.isEmpty() ? "source address 127.0.0.1" : "source addresses 127.0.0.1-127.0.0." + sources.size();
  }

  @Override
  public void close() {
    loops.forEach(NioLoop::close);
  }
}
