package org.anonchat.realtime.messages.control;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Message ids as time-ordered UUIDs (RFC 9562, version 7): 48 bits of Unix milliseconds, a 12-bit counter
 * that keeps ids from one process strictly increasing within a millisecond, and 62 random bits.
 *
 * <p>Why not {@link UUID#randomUUID()}: the id is the message table's primary key, and a random key sends every
 * insert to a random leaf of that index's B-tree. H2 rewrites each changed page whole (copy-on-write) at every
 * commit, so a commit of 16 messages rewrote up to 16 leaves of that one index, most of them no longer in H2's
 * page cache and read back from the file first (decision 0034). Ids that grow with time append to the index's
 * last leaf instead.
 *
 * <p>On the wire nothing changes: an id is still an opaque 36-character UUID string. The 62 random bits keep
 * ids from being guessed, although nothing depends on that: a message's id is shown to every member of its
 * room, and every operation on a message checks who asks. The creation time an id reveals is in the message
 * anyway ({@code createdAt}).
 */
public final class MessageIds {

  private static final int COUNTER_BITS = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The last (milliseconds << 12 | counter) handed out; the next one is always greater. */
  private final AtomicLong last = new AtomicLong();
  private final LongSupplier clock;

  public MessageIds() {
    this(System::currentTimeMillis);
  }

  MessageIds(LongSupplier clock) {
    this.clock = clock;
  }

  /** A new id, greater (as a string and as a UUID) than every id this instance made before. */
  public String next() {
    long stamp = last.updateAndGet(previous -> Math.max(previous + 1, clock.getAsLong() << COUNTER_BITS));
    long millis = stamp >>> COUNTER_BITS;
    long counter = stamp & ((1L << COUNTER_BITS) - 1);
    // If more than 4,096 ids are asked for in one millisecond, the counter carries into the timestamp: the
    // ids run ahead of the clock by a millisecond or so, and stay ordered and unique.
    long high = (millis << 16) | (0x7L << 12) | counter;
    long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
