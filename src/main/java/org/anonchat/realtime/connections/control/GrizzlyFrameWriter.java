package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Writes already-encoded frames straight into Grizzly's write queue for the socket (Payara, GlassFish), below
 * the servlet stream and the HTTP filter chain (decision 0032). {@link TyrusFrameWriter} goes through Tyrus's
 * servlet writer, which copies every write into a fresh Grizzly buffer of the servlet output stream (a third of
 * all the server's allocation in the rooms benchmark) and passes it down the upgraded connection's HTTP filter
 * chain. Here the frames' shared array is wrapped, not copied, and handed to the same transport writer that
 * filter chain ends in, so these bytes and Tyrus's own (pong, close) still leave in the order they were queued.
 *
 * <p>Nothing of Grizzly is linked: the connection is reached through private fields (session → async remote →
 * web socket → protocol handler → Tyrus's servlet writer → upgrade handler (behind its proxy) → web connection → servlet output
 * stream → its Catalina and Grizzly buffers → the Grizzly connection), and Grizzly's methods are looked up
 * on the classes of the objects found. Where anything differs (another container or version, a TLS connection,
 * whose filter chain encrypts) {@link #of} answers null and the caller falls back to {@link TyrusFrameWriter}.
 */
final class GrizzlyFrameWriter implements FrameWriter {

  /** From Tyrus's transport writer to Grizzly's connection; "handler?": the upgrade handler may sit behind a proxy. */
  private static final TyrusFields.Path TO_CONNECTION = new TyrusFields.Path("tyrusHttpUpgradeHandler", "handler?",
      "wc", "outputStream", "ob", "grizzlyOutputBuffer", "connection");
  private static final ClassValue<Grizzly> GRIZZLY = new ClassValue<>() {
    @Override
    protected Grizzly computeValue(Class<?> connectionClass) {
      return Grizzly.of(connectionClass.getClassLoader());
    }
  };

  private final Object connection;
  private final Object queueWriter;
  private final Grizzly grizzly;
  /** One completion handler per socket: Connection keeps one write in flight, and this is its callback. */
  private final Object completion;
  private volatile Consumer<Throwable> done;

  private GrizzlyFrameWriter(Object connection, Object queueWriter, Grizzly grizzly) {
    this.connection = connection;
    this.queueWriter = queueWriter;
    this.grizzly = grizzly;
    this.completion = Proxy.newProxyInstance(grizzly.completionHandler.getClassLoader(),
        new Class<?>[] {grizzly.completionHandler}, (proxy, method, args) -> switch (method.getName()) {
          case "completed" -> finish(null);
          case "failed" -> finish((Throwable) args[0]);
          case "cancelled" -> finish(new CancellationException("write cancelled"));
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          case "toString" -> "chat frame write completion";
          default -> null; // updated(): progress of a partial write
        });
  }

  /** The Grizzly writer for this session's socket, or null where it cannot be reached or must not be used. */
  static FrameWriter of(Session session) {
    try {
      Object writer = TyrusFields.TO_WRITER.from(session, GrizzlyFrameWriter::refused);
      Object at = writer == null ? null : TO_CONNECTION.from(writer, GrizzlyFrameWriter::refused);
      if (at == null) return null;
      Grizzly grizzly = GRIZZLY.get(at.getClass());
      if (grizzly == null || !grizzly.connection.isInstance(at)) return refused(at.getClass().getName() + " is not Grizzly's");
      Object transport = grizzly.transport.invoke(at);
      if (!grizzly.queueEnabledTransport.isInstance(transport)) return refused("transport without a write queue");
      if (grizzly.encrypts(at, transport)) return refused("the connection's filter chain has TLS");
      Object queueWriter = grizzly.writerOf.invoke(grizzly.asyncQueueIo.invoke(transport));
      return new GrizzlyFrameWriter(at, queueWriter, grizzly);
    } catch (Throwable e) { // any reflective surprise means "not this way"
      return refused(e.toString());
    }
  }

  /** Why the last session could not use this writer, for the one log line that says which writer is used. */
  static volatile String refusal = "";

  private static FrameWriter refused(String why) {
    refusal = why;
    return null;
  }

  @Override
  public int maxFrames() {
    return TyrusFrameWriter.MAX_FRAMES;
  }

  @Override
  public void write(List<OutboundFrame> frames, Consumer<Throwable> done) {
    this.done = done;
    try {
      // A plain wrapper of the shared array: Grizzly never pools its memory, so no later allocation can reuse
      // (and overwrite) bytes other sockets are still sending.
      Object buffer = grizzly.wrap.invoke(ByteBuffer.wrap(TyrusFrameWriter.concatenate(frames)));
      grizzly.write.invoke(queueWriter, connection, buffer, completion);
    } catch (Throwable e) {
      finish(e);
    }
  }

  private Object finish(Throwable failure) {
    Consumer<Throwable> callback = done;
    done = null;
    if (callback != null) callback.accept(failure);
    return null;
  }

  /** Grizzly's types and methods, looked up once per class loader that holds them. */
  private record Grizzly(Class<?> connection, Class<?> queueEnabledTransport, Class<?> completionHandler,
      MethodHandle transport, MethodHandle asyncQueueIo, MethodHandle writerOf, MethodHandle wrap, MethodHandle write,
      MethodHandle processor, MethodHandle transportProcessor) {

    static Grizzly of(ClassLoader loader) {
      try {
        Class<?> connection = Class.forName("org.glassfish.grizzly.Connection", false, loader);
        Class<?> transport = Class.forName("org.glassfish.grizzly.Transport", false, loader);
        Class<?> queueEnabled = Class.forName("org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport", false, loader);
        Class<?> queueIo = Class.forName("org.glassfish.grizzly.asyncqueue.AsyncQueueIO", false, loader);
        Class<?> writer = Class.forName("org.glassfish.grizzly.Writer", false, loader);
        Class<?> queueWriter = Class.forName("org.glassfish.grizzly.asyncqueue.AsyncQueueWriter", false, loader);
        Class<?> message = Class.forName("org.glassfish.grizzly.asyncqueue.WritableMessage", false, loader);
        Class<?> completion = Class.forName("org.glassfish.grizzly.CompletionHandler", false, loader);
        Class<?> wrapper = Class.forName("org.glassfish.grizzly.memory.ByteBufferWrapper", false, loader);
        Class<?> processor = Class.forName("org.glassfish.grizzly.Processor", false, loader);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return new Grizzly(connection, queueEnabled, completion,
            lookup.findVirtual(connection, "getTransport", MethodType.methodType(transport)).asType(generic(1)),
            lookup.findVirtual(queueEnabled, "getAsyncQueueIO", MethodType.methodType(queueIo)).asType(generic(1)),
            lookup.findVirtual(queueIo, "getWriter", MethodType.methodType(queueWriter)).asType(generic(1)),
            lookup.findConstructor(wrapper, MethodType.methodType(void.class, ByteBuffer.class))
                .asType(MethodType.methodType(Object.class, ByteBuffer.class)),
            lookup.findVirtual(writer, "write", MethodType.methodType(void.class, connection, message, completion))
                .asType(MethodType.methodType(void.class, Object.class, Object.class, Object.class, Object.class)),
            lookup.findVirtual(connection, "getProcessor", MethodType.methodType(processor)).asType(generic(1)),
            lookup.findVirtual(transport, "getProcessor", MethodType.methodType(processor)).asType(generic(1)));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        return null;
      }
    }

    /**
     * Whether the connection's filter chain transforms bytes on their way down (TLS): writing below it would
     * bypass the encryption. A chain that cannot be inspected counts as one that does.
     */
    boolean encrypts(Object connection, Object transport) throws Throwable {
      Object chain = processor.invoke(connection);
      if (chain == null) chain = transportProcessor.invoke(transport); // the connection uses its transport's
      if (!(chain instanceof List<?> filters)) return true;
      for (Object filter : filters) {
        if (filter.getClass().getName().toUpperCase(java.util.Locale.ROOT).contains("SSL")) return true;
      }
      return false;
    }

    private static MethodType generic(int parameters) {
      return MethodType.genericMethodType(parameters);
    }
  }
}
