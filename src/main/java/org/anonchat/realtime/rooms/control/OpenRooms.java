package org.anonchat.realtime.rooms.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Room ids a join has found open to everyone (never defined, or defined public), so that later joins skip
 * the stored lookup and its transaction: it was the largest application cost of a connection ramp (decision
 * 0034). A room leaves the set whenever a transaction that can make it private commits ({@link RoomAccess}).
 *
 * <p>The race that matters: a join reads "open" from the database, then a commit makes the room private, then
 * the join would remember the stale "open". Every {@link #forget} raises a generation, and {@link #remember}
 * only takes an answer read under the generation it was given before the read; both hold the monitor, so a
 * forget is either before the remember (and refuses it) or after it (and removes it).
 *
 * <p>Bounded: room ids are chosen by clients, so once {@link #CAPACITY} are known, further ones are simply not
 * remembered (their joins take the stored lookup, as before).
 */
@ApplicationScoped
public class OpenRooms {

  static final int CAPACITY = 100_000;

  private final Set<String> open = ConcurrentHashMap.newKeySet();
  private long generation;

  public boolean known(String roomId) {
    return open.contains(roomId);
  }

  /** To be read before looking the room up, and handed to {@link #remember} with the answer. */
  public synchronized long generation() {
    return generation;
  }

  public synchronized void remember(String roomId, long readUnder) {
    if (readUnder == generation && open.size() < CAPACITY) open.add(roomId);
  }

  public synchronized void forget(String roomId) {
    generation++;
    open.remove(roomId);
  }
}
