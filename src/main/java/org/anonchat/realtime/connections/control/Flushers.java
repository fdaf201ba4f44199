package org.anonchat.realtime.connections.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The threads that write queued frames to sockets (decision 0031). Whoever fans out only queues and marks the
 * connection ready; a flusher takes ready connections in turn and writes everything each has queued in one
 * write. While it works through a room, more frames pile up behind it, so under load each write carries
 * several frames (one flush, one system call) without any timer; when quiet, a frame waits for one hand-over.
 * Moving writes here also keeps them out of the room's post lock, so the next commit need not wait for 200
 * socket writes. Writes never block (the container queues what a socket cannot take yet), so a few threads
 * serve every socket.
 */
@ApplicationScoped
public class Flushers {

  @Resource
  ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "chat.delivery.flush-threads", defaultValue = "0")
  int configuredThreads;

  private ExecutorService pool;

  @PostConstruct
  void start() {
    int n = configuredThreads > 0 ? configuredThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AtomicInteger made = new AtomicInteger();
    pool = Executors.newFixedThreadPool(n, task -> {
      // Named, so profiles and the benchmark's per-thread CPU figures can tell the writers apart.
      Thread thread = threads.newThread(task);
      thread.setName("chat-flusher-" + made.incrementAndGet());
      return thread;
    });
  }

  /** Where connections run their flushes. */
  ExecutorService pool() {
    return pool;
  }

  @PreDestroy
  void stop() {
    pool.shutdown(); // queued flushes still run; the sockets are closing anyway
  }
}
