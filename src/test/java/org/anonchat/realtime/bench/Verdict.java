package org.anonchat.realtime.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The correctness checks. Per room: every send acked (or rejected), acked seqs 1..n with no gap or
 * duplicate, and every member received every acked message exactly once, in seq order, with the acked
 * seq. A slow reader that was cut off must have received a gap-free run of seqs.
 */
final class Verdict {

  private Verdict() {}

  static List<String> room(Ledger ledger, String roomId, List<BenchClient> members) {
    List<String> failures = new ArrayList<>();
    Map<String, Long> seqById = new HashMap<>();
    List<Long> seqs = new ArrayList<>();
    int unacked = 0;
    int rejected = 0;
    for (Ledger.Sent s : ledger.sentTo(roomId)) {
      if (s.rejection != null) rejected++;
      else if (!s.acked()) unacked++;
      else {
        seqs.add(s.seq);
        if (seqById.put(s.messageId, s.seq) != null) failures.add(roomId + ": messageId " + s.messageId + " acked twice");
      }
    }
    if (unacked > 0) failures.add(roomId + ": " + unacked + " messages sent but never acknowledged");
    if (rejected > 0) failures.add(roomId + ": " + rejected + " messages rejected with an error");
    seqs.sort(null);
    for (int i = 0; i < seqs.size(); i++) {
      if (seqs.get(i) != i + 1) {
        failures.add(roomId + ": acked seqs are not 1.." + seqs.size() + " (position " + i + " holds " + seqs.get(i)
            + (i > 0 && seqs.get(i).equals(seqs.get(i - 1)) ? ", a duplicate)" : ", a gap)"));
        break;
      }
    }
    for (BenchClient member : members) failures.addAll(member(roomId, member, seqById));
    return failures;
  }

  private static List<String> member(String roomId, BenchClient member, Map<String, Long> seqById) {
    List<String> failures = new ArrayList<>();
    if (member.closed().isDone()) failures.add(member.name + ": closed by the server with " + member.closed().getNow(0));
    Map<String, Integer> times = new HashMap<>();
    int unknown = 0;
    int wrongSeq = 0;
    int outOfOrder = 0;
    long last = 0;
    for (BenchClient.Delivered d : member.received(roomId)) {
      times.merge(d.messageId(), 1, Integer::sum);
      Long acked = seqById.get(d.messageId());
      if (acked == null) unknown++;
      else if (acked != d.seq()) wrongSeq++;
      if (d.seq() <= last) outOfOrder++;
      last = d.seq();
    }
    long missing = seqById.keySet().stream().filter(id -> !times.containsKey(id)).count();
    long duplicates = times.values().stream().filter(n -> n > 1).count();
    String who = roomId + " at " + member.name + ": ";
    if (missing > 0) failures.add(who + missing + " of " + seqById.size() + " messages never delivered");
    if (duplicates > 0) failures.add(who + duplicates + " messages delivered more than once");
    if (unknown > 0) failures.add(who + unknown + " deliveries of messages that were never acked");
    if (wrongSeq > 0) failures.add(who + wrongSeq + " deliveries with a seq other than the acked one");
    if (outOfOrder > 0) failures.add(who + outOfOrder + " deliveries out of seq order");
    return failures;
  }

  /** A reader cut off for falling behind: what it did get must be consecutive seqs, each once. */
  static List<String> prefix(String roomId, BenchClient reader) {
    List<BenchClient.Delivered> got = reader.received(roomId);
    for (int i = 1; i < got.size(); i++) {
      if (got.get(i).seq() != got.get(i - 1).seq() + 1) {
        return List.of(roomId + " at " + reader.name + ": seq " + got.get(i).seq() + " followed " + got.get(i - 1).seq()
            + " (a cut-off reader must see a gap-free run)");
      }
    }
    return List.of();
  }
}
