package org.anonchat.realtime.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The correctness checks. Per room: every send acked (or rejected), acked seqs 1..n with no gap or
 * duplicate, and every member received every acked message exactly once, in seq order, with the acked
 * seq. A slow reader that was cut off must have received a gap-free run of seqs. Loss and duplicates
 * are also counted, for the report.
 */
final class Verdict {

  /** What the checks found: loss counts unacked sends and missing deliveries, duplicates both kinds. */
  static final class Tally {
    final List<String> failures = new ArrayList<>();
    long lost;
    long duplicates;

    void add(Tally other) {
      failures.addAll(other.failures);
      lost += other.lost;
      duplicates += other.duplicates;
    }
  }

  private Verdict() {}

  static Tally room(Ledger ledger, String roomId, List<BenchClient> members) {
    Tally tally = new Tally();
    Map<String, Long> seqById = new HashMap<>();
    List<Long> seqs = new ArrayList<>();
    int unacked = 0;
    int rejected = 0;
    for (Ledger.Sent s : ledger.sentTo(roomId)) {
      if (s.rejection != null) rejected++;
      else if (!s.acked()) unacked++;
      else {
        seqs.add(s.seq);
        if (seqById.put(s.messageId, s.seq) != null) {
          tally.failures.add(roomId + ": messageId " + s.messageId + " acked twice");
          tally.duplicates++;
        }
      }
    }
    tally.lost += unacked;
    if (unacked > 0) tally.failures.add(roomId + ": " + unacked + " messages sent but never acknowledged");
    if (rejected > 0) tally.failures.add(roomId + ": " + rejected + " messages rejected with an error");
    if (unacked > 0) {
      // Acks still on their way when the drain ended: a seq gap or a delivery without its ack would only
      // repeat that, so the room's other checks are skipped (the failure above already stands).
      return tally;
    }
    seqs.sort(null);
    for (int i = 0; i < seqs.size(); i++) {
      if (seqs.get(i) != i + 1) {
        boolean duplicate = i > 0 && seqs.get(i).equals(seqs.get(i - 1));
        if (duplicate) tally.duplicates++;
        tally.failures.add(roomId + ": acked seqs are not 1.." + seqs.size() + " (position " + i + " holds " + seqs.get(i)
            + (duplicate ? ", a duplicate)" : ", a gap)"));
        break;
      }
    }
    for (BenchClient member : members) tally.add(member(roomId, member, seqById));
    return tally;
  }

  private static Tally member(String roomId, BenchClient member, Map<String, Long> seqById) {
    Tally tally = new Tally();
    List<String> failures = tally.failures;
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
    long duplicates = times.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    tally.lost += missing;
    tally.duplicates += duplicates;
    String who = roomId + " at " + member.name + ": ";
    if (missing > 0) failures.add(who + missing + " of " + seqById.size() + " messages never delivered");
    if (duplicates > 0) failures.add(who + duplicates + " extra deliveries of messages already delivered");
    if (unknown > 0) failures.add(who + unknown + " deliveries of messages that were never acked");
    if (wrongSeq > 0) failures.add(who + wrongSeq + " deliveries with a seq other than the acked one");
    if (outOfOrder > 0) failures.add(who + outOfOrder + " deliveries out of seq order");
    return tally;
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
