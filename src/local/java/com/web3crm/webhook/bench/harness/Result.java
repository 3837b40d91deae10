package com.web3crm.webhook.bench.harness;

import java.io.PrintStream;

/**
 * The one line a child JVM of bin/bench prints on stdout when it is done: {@code BENCH key=value key=value ...}
 * (values without spaces). The driver parses it; everything else the child writes goes to stderr.
 */
final class Result {
  private final StringBuilder line = new StringBuilder("BENCH");

  Result put(String key, long value) {
    line.append(' ').append(key).append('=').append(value);
    return this;
  }

  Result put(String key, double value) {
    line.append(' ').append(key).append('=').append(value);
    return this;
  }

  Result put(String key, String value) {
    line.append(' ').append(key).append('=').append(value.replace(' ', '_'));
    return this;
  }

  Result stats(String prefix, Stats stats) {
    return put(prefix + "_n", stats.count())
        .put(prefix + "_median_ns", stats.median())
        .put(prefix + "_p99_ns", stats.percentile(99))
        .put(prefix + "_min_ns", stats.min())
        .put(prefix + "_max_ns", stats.max())
        .put(prefix + "_mean_ns", stats.mean());
  }

  void print(PrintStream out) {
    out.println(line);
    out.flush();
  }
}
