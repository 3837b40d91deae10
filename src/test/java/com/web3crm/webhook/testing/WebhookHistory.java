package com.web3crm.webhook.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges a concurrent history of webhook writes (POSTs) and reads (GETs, and the final stored item) against what
 * one strongly consistent item, updated by single atomic writes, can show.
 *
 * <p>Every written value must be unique to its write (a clear writes {@code null}, which many writes share; the
 * initial state counts as one more write of {@code null} to every field that ended before anything began). Then,
 * for a read that saw value {@code v} in field {@code f}, the writes that could have produced it are the writes of
 * {@code v} to {@code f}, and the read is an anomaly when:
 * <ul>
 *   <li><b>unknown value</b>: no write that may have been applied (answered 200 or 5xx) sent {@code v};
 *   <li><b>mixed state</b>: fields of a group that every write sets together (webhook_login and webhook_pass) do not
 *       all come from one common write;
 *   <li><b>stale or from the future</b>: every candidate write either began after the read ended, or was
 *       certainly overwritten before the read began: a write that answered 200, of another value to {@code f},
 *       began after the candidate ended and ended before the read began. Timestamps are {@link System#nanoTime()}
 *       taken around each call, so this only uses orders real time forces; it never depends on how fast anything
 *       ran.
 * </ul>
 * The final item is a read that begins after everything ended: each field must hold a value whose write was never
 * certainly overwritten, i.e. a last write; and {@code version} must equal the number of writes that answered 200.
 */
public final class WebhookHistory {
  /** A POST: the fields it sets ({@code null} value = clears), when it ran, and its HTTP status. */
  public record Write(String id, Map<String, String> sets, long startNanos, long endNanos, int status) {
    public Write {
      sets = Collections.unmodifiableMap(new LinkedHashMap<>(sets));
    }

    boolean succeeded() {
      return status == 200;
    }

    /** 200, or a 5xx whose outcome is unknown; a 400 never changes stored data. */
    boolean mayHaveBeenApplied() {
      return status == 200 || status >= 500;
    }
  }

  /** What a read saw ({@code null} = unset), and when it ran. */
  public record Read(String id, Map<String, String> seen, long startNanos, long endNanos) {
    public Read {
      seen = Collections.unmodifiableMap(new LinkedHashMap<>(seen));
    }
  }

  private static final String INITIAL = "(initial state)";

  private final List<String> fields;
  private final List<Set<String>> groups;
  private final List<Write> writes = new ArrayList<>();
  private final Map<Write, Map<String, Long>> supersededAt = new HashMap<>();

  /**
   * @param fields every field a read shows, all unset at the start
   * @param groups sets of fields that every write sets together or not at all
   * @param history the writes, in any order
   */
  public WebhookHistory(List<String> fields, List<Set<String>> groups, List<Write> history) {
    this.fields = List.copyOf(fields);
    this.groups = List.copyOf(groups);
    Map<String, String> unset = new HashMap<>();
    fields.forEach(f -> unset.put(f, null));
    writes.add(new Write(INITIAL, unset, Long.MIN_VALUE, Long.MIN_VALUE, 200));
    for (Write w : history) {
      for (Set<String> group : groups) {
        long present = group.stream().filter(w.sets()::containsKey).count();
        if (present != 0 && present != group.size()) {
          throw new IllegalArgumentException(w.id() + " sets part of the group " + group + ": the pair rule would not hold");
        }
      }
      writes.add(w);
    }
    for (Write w : writes) {
      Map<String, Long> byField = new HashMap<>();
      for (String f : w.sets().keySet()) {
        long earliest = Long.MAX_VALUE;
        for (Write later : writes) {
          if (later.succeeded() && later.sets().containsKey(f)
              && !Objects.equals(later.sets().get(f), w.sets().get(f)) && later.startNanos() > w.endNanos()) {
            earliest = Math.min(earliest, later.endNanos());
          }
        }
        byField.put(f, earliest);
      }
      supersededAt.put(w, byField);
    }
  }

  /** Anomalies of one read; empty when a single write order explains it. */
  public List<String> check(Read read) {
    List<String> anomalies = new ArrayList<>();
    Map<String, Set<String>> freshWriters = new HashMap<>();
    for (String f : fields) {
      if (!read.seen().containsKey(f)) {
        anomalies.add(read.id() + ": " + f + " missing");
        continue;
      }
      String value = read.seen().get(f);
      List<Write> candidates = writesOf(f, value);
      if (candidates.isEmpty()) {
        anomalies.add(read.id() + " saw " + f + "=" + value + ", which no request that may have been applied sent");
        continue;
      }
      Set<String> fresh = new HashSet<>();
      for (Write w : candidates) {
        boolean beganBeforeReadEnded = w.startNanos() <= read.endNanos();
        boolean notYetOverwritten = supersededAt.get(w).get(f) >= read.startNanos();
        if (beganBeforeReadEnded && notYetOverwritten) {
          fresh.add(w.id());
        }
      }
      if (fresh.isEmpty()) {
        anomalies.add(read.id() + " saw " + f + "=" + value + " (written by " + ids(candidates)
            + "), but it was overwritten by a completed write before the read began, or sent after the read ended");
      }
      freshWriters.put(f, fresh);
    }
    for (Set<String> group : groups) {
      if (!group.stream().allMatch(f -> freshWriters.containsKey(f) && !freshWriters.get(f).isEmpty())) {
        continue; // a field without a possible writer is reported above already
      }
      Set<String> common = null;
      for (String f : group) {
        if (common == null) {
          common = new HashSet<>(freshWriters.get(f));
        } else {
          common.retainAll(freshWriters.get(f));
        }
      }
      if (common.isEmpty()) {
        Map<String, String> seen = new LinkedHashMap<>();
        group.stream().sorted().forEach(f -> seen.put(f, read.seen().get(f)));
        anomalies.add(read.id() + " saw " + seen + ": a mixed state that no single write produced");
      }
    }
    return anomalies;
  }

  /**
   * Anomalies of the final stored state: each field must hold a value of a last write (one no successful write
   * certainly overwrote), groups must come from one write, and {@code version} must count the successful writes
   * — exactly, unless the SDK re-sent writes: an attempt that timed out after DynamoDB applied it is applied again
   * by the retry, so {@code version} may exceed the count by at most the number of re-sent attempts (never fall
   * short of it: that would be a lost update).
   *
   * @param resentAttempts write attempts the SDK sent beyond the first of each call
   */
  public List<String> checkFinal(Map<String, String> fieldsNow, long version, long resentAttempts) {
    List<String> anomalies = new ArrayList<>(check(new Read("final item", fieldsNow, Long.MAX_VALUE, Long.MAX_VALUE)));
    long succeeded = writes.stream().filter(w -> w != writes.get(0) && w.succeeded()).count();
    long unknown = writes.stream().filter(w -> w.status() >= 500).count();
    if (version < succeeded || version > succeeded + resentAttempts) {
      anomalies.add("final item: version=" + version + " but " + succeeded + " writes answered 200"
          + (resentAttempts == 0 ? "" : " (" + resentAttempts + " attempts re-sent)")
          + (unknown == 0 ? "" : " and " + unknown + " answered 5xx (outcome unknown)"));
    }
    return anomalies;
  }

  private List<Write> writesOf(String field, String value) {
    List<Write> found = new ArrayList<>();
    for (Write w : writes) {
      if (w.mayHaveBeenApplied() && w.sets().containsKey(field) && Objects.equals(w.sets().get(field), value)) {
        found.add(w);
      }
    }
    return found;
  }

  private static String ids(List<Write> writes) {
    return writes.size() <= 3
        ? writes.stream().map(Write::id).toList().toString()
        : writes.size() + " writes";
  }
}
