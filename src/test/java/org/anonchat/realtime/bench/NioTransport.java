package org.anonchat.realtime.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Transport} on a non-blocking {@link SocketChannel} served by an {@link NioLoop} ({@code --client=nio},
 * the default): the upgrade and the frames are written by hand ({@link UpgradeHandshake}, {@link FrameEncoder},
 * {@link FrameDecoder}). Senders write from their own threads while the channel's queue is empty (sends are
 * small); what the socket does not take is queued and flushed by the loop. Paused, it drops its read interest,
 * so the kernel's buffers fill up and the server's frames back up.
 */
final class NioTransport implements Transport, FrameDecoder.Frames {

  private record Write(ByteBuffer bytes, CompletableFuture<Void> done) {}

  private final NioLoop loop;
  private final SocketChannel channel;
  private final URI uri;
  private final Inbound inbound;
  private final long deadline;
  private final CompletableFuture<Transport> opened = new CompletableFuture<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final FrameDecoder decoder = new FrameDecoder();
  private final ArrayDeque<Write> writes = new ArrayDeque<>(2); // guarded by itself
  private boolean outputClosed; // guarded by writes: a close frame was queued, or the socket ended
  private volatile boolean paused;
  // Only the loop's thread:
  private SelectionKey key;
  private UpgradeHandshake handshake;
  private boolean closeReceived;

  private NioTransport(NioLoop loop, SocketChannel channel, URI uri, Inbound inbound, Duration timeout) {
    this.loop = loop;
    this.channel = channel;
    this.uri = uri;
    this.inbound = inbound;
    this.deadline = System.nanoTime() + timeout.toNanos();
  }

  /** Connects from {@code source} (null: the kernel's choice); completes once the server accepted the upgrade. */
  static CompletableFuture<Transport> open(NioLoop loop, URI uri, InetAddress source, Inbound inbound, Duration timeout) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (source != null) channel.bind(new InetSocketAddress(source, 0));
    } catch (IOException e) {
      closeQuietly(channel);
      return CompletableFuture.failedFuture(e);
    }
    NioTransport transport = new NioTransport(loop, channel, uri, inbound, timeout);
    loop.execute(transport::connect);
    return transport.opened;
  }

  private void connect() {
    try {
      key = loop.register(channel, this);
      if (channel.connect(new InetSocketAddress(uri.getHost(), uri.getPort()))) {
        connected();
      } else {
        key.interestOps(SelectionKey.OP_CONNECT);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  /** The loop found the channel ready for {@code ops}. */
  void ready(int ops) {
    try {
      if ((ops & SelectionKey.OP_CONNECT) != 0) {
        if (channel.finishConnect()) connected();
        return;
      }
      if ((ops & SelectionKey.OP_WRITE) != 0) flush();
      if ((ops & SelectionKey.OP_READ) != 0 && channel.isOpen()) read();
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private void connected() {
    handshake = new UpgradeHandshake();
    send(handshake.request(uri), false);
    updateInterest();
  }

  void expireIfLate(long now) {
    if (now - deadline > 0 && !opened.isDone()) {
      fail(new SocketTimeoutException("no WebSocket upgrade within the connect timeout"));
    }
  }

  /**
   * Reads until the socket has nothing more (or reading was paused): a read that filled the whole buffer may
   * have left more behind.
   */
  private void read() throws IOException {
    ByteBuffer buffer = loop.readBuffer();
    int n;
    do {
      buffer.clear();
      n = channel.read(buffer);
      if (n < 0) {
        end(Closed.endOfStream(), new EOFException("the server closed the connection without a close frame"));
        return;
      }
      buffer.flip();
      if (handshake != null && handshake.read(buffer)) {
        handshake = null;
        loop.settled(this);
        opened.complete(this);
      }
      if (handshake == null) decoder.decode(buffer, this);
    } while (n == buffer.capacity() && !paused && channel.isOpen());
  }

  @Override
  public void text(byte[] utf8, int offset, int length) {
    if (!closeReceived) inbound.onText(new String(utf8, offset, length, StandardCharsets.UTF_8));
  }

  @Override
  public void ping(byte[] payload) {
    if (!closeReceived) send(FrameEncoder.pong(payload), false);
  }

  /** The server's close frame: answered unless we started the handshake, then the socket is closed. */
  @Override
  public void close(int code, String reason) {
    if (closeReceived) return;
    closeReceived = true;
    boolean answered;
    synchronized (writes) {
      answered = outputClosed;
    }
    CompletableFuture<Void> reply = answered ? CompletableFuture.completedFuture(null) : send(FrameEncoder.close(code, ""), true);
    reply.whenComplete((v, e) -> loop.execute(this::closeChannel));
    closed.complete(Closed.byFrame(code, reason));
  }

  @Override
  public CompletableFuture<Void> sendText(String text) {
    return send(FrameEncoder.text(text), false);
  }

  @Override
  public CompletableFuture<Void> sendClose(int code, String reason) {
    return send(FrameEncoder.close(code, reason), true);
  }

  /**
   * Writes {@code frame} now if nothing is queued before it, else queues it for the loop; {@code last}: no frame
   * may follow (a close frame).
   */
  private CompletableFuture<Void> send(ByteBuffer frame, boolean last) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    boolean queued;
    IOException failure = null;
    synchronized (writes) {
      if (outputClosed) return CompletableFuture.failedFuture(new IllegalStateException("output closed"));
      outputClosed = last;
      if (writes.isEmpty()) {
        try {
          channel.write(frame);
        } catch (IOException e) {
          failure = e;
        }
      }
      queued = failure == null && frame.hasRemaining();
      if (queued) writes.add(new Write(frame, done));
    }
    if (failure != null) {
      fail(failure);
      done.completeExceptionally(failure);
    } else if (queued) {
      loop.execute(this::updateInterest);
    } else {
      done.complete(null);
    }
    return done;
  }

  /** Writes what was queued (the loop found the channel writable); completes the writes that went out whole. */
  private void flush() throws IOException {
    List<CompletableFuture<Void>> written = new ArrayList<>(2);
    synchronized (writes) {
      for (Write w; (w = writes.peek()) != null; writes.poll()) {
        channel.write(w.bytes());
        if (w.bytes().hasRemaining()) break;
        written.add(w.done());
      }
    }
    updateInterest();
    written.forEach(f -> f.complete(null));
  }

  /** Reads unless paused; writes while something is queued. On the loop's thread, once connected. */
  private void updateInterest() {
    if (key == null || !key.isValid() || !channel.isConnected()) return;
    boolean writing;
    synchronized (writes) {
      writing = !writes.isEmpty();
    }
    key.interestOps((paused ? 0 : SelectionKey.OP_READ) | (writing ? SelectionKey.OP_WRITE : 0));
  }

  @Override
  public void pause() {
    paused = true;
    loop.execute(this::updateInterest);
  }

  @Override
  public void resume() {
    if (!paused) return;
    paused = false;
    loop.execute(this::updateInterest);
  }

  @Override
  public void abort() {
    end(Closed.aborted(), new IOException("aborted by the client"));
  }

  @Override
  public CompletableFuture<Closed> closed() {
    return closed;
  }

  /** The socket failed (an I/O error, a protocol error, the end of the stream, the connect deadline). */
  void fail(Throwable error) {
    end(Closed.byError(error), error);
  }

  /** Ends the socket: what waits on it fails with {@code cause}; {@link #closed()} says {@code how} unless it already said. */
  private void end(Closed how, Throwable cause) {
    List<Write> dropped;
    synchronized (writes) {
      outputClosed = true;
      dropped = new ArrayList<>(writes);
      writes.clear();
    }
    loop.execute(this::closeChannel);
    dropped.forEach(w -> w.done().completeExceptionally(cause));
    opened.completeExceptionally(cause);
    closed.complete(how);
  }

  private void closeChannel() {
    loop.settled(this);
    closeQuietly(channel);
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException e) {
      // closing is all that was left to do with it
    }
  }
}
