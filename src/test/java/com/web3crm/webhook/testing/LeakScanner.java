package com.web3crm.webhook.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds any of many needles (secrets, passwords, hashes, bodies) in log text in one pass: needles are indexed by
 * their first {@link SecretLedger#MIN_LENGTH} characters, every window of the text is looked up, and candidates
 * are confirmed with a full comparison. Cost: the text's length, not needles × text.
 */
public final class LeakScanner {
  private static final int PREFIX = SecretLedger.MIN_LENGTH;

  /** A needle found in a text: what it was (never the value itself) and where. */
  public record Leak(String label, String source, int line) {}

  private final Map<String, List<Needle>> byPrefix = new HashMap<>();

  private record Needle(String value, String label) {}

  /** Adds a value to look for; {@code label} says what it is without revealing it (e.g. "api_secret #12"). */
  public void add(String value, String label) {
    if (value == null || value.length() < PREFIX) {
      throw new IllegalArgumentException("needles must be at least " + PREFIX + " characters");
    }
    byPrefix.computeIfAbsent(value.substring(0, PREFIX), k -> new ArrayList<>()).add(new Needle(value, label));
  }

  /** Every needle occurrence in {@code text}, with the 1-based line it starts on. */
  public List<Leak> scan(String source, String text) {
    List<Leak> leaks = new ArrayList<>();
    int line = 1;
    for (int i = 0; i + PREFIX <= text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
      List<Needle> candidates = byPrefix.get(text.substring(i, i + PREFIX));
      if (candidates == null) {
        continue;
      }
      for (Needle needle : candidates) {
        if (text.startsWith(needle.value(), i)) {
          leaks.add(new Leak(needle.label(), source, line));
        }
      }
    }
    return leaks;
  }
}
