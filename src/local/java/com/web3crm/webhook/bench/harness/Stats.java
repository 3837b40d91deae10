package com.web3crm.webhook.bench.harness;

import java.util.Arrays;

/**
 * Order statistics of a sample, shared by the benchmark's child JVMs and its driver. Median: the middle value, or
 * the mean of the two middle values; percentiles: nearest rank (the smallest value with at least p% of the sample
 * at or below it).
 */
public final class Stats {
  private final double[] sorted;

  private Stats(double[] sorted) {
    this.sorted = sorted;
  }

  public static Stats of(double[] values) {
    double[] copy = Arrays.copyOf(values, values.length);
    Arrays.sort(copy);
    return new Stats(copy);
  }

  public static Stats ofLongs(long[] values, int from, int to) {
    double[] copy = new double[to - from];
    for (int i = from; i < to; i++) {
      copy[i - from] = values[i];
    }
    Arrays.sort(copy);
    return new Stats(copy);
  }

  public int count() {
    return sorted.length;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public double median() {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Nearest-rank percentile, {@code 0 < p <= 100}. */
  public double percentile(double p) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  public double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  public double mean() {
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return sorted.length == 0 ? Double.NaN : sum / sorted.length;
  }
}
