package com.web3crm.webhook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.bench.harness.Stats;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of bin/bench that need no JVM to spawn: statistics, options, the BENCHMARKS.md update. */
class BenchTest {

  @Test
  void median_isTheMiddleValue_orTheMeanOfTheTwoMiddleOnes() {
    assertThat(Stats.of(new double[] {3, 1, 2}).median()).isEqualTo(2);
    assertThat(Stats.of(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
    assertThat(Stats.of(new double[] {}).median()).isNaN();
  }

  @Test
  void p99_isTheNearestRank() {
    double[] values = new double[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = i + 1; // 1..200
    }
    assertThat(Stats.of(values).percentile(99)).isEqualTo(198); // rank ceil(0.99 * 200) = 198
    assertThat(Stats.of(new double[] {5, 1}).percentile(99)).isEqualTo(5);
    assertThat(Stats.ofLongs(new long[] {100, 7, 9, 8}, 1, 4).median()).isEqualTo(8); // skips the unmeasured first
  }

  @Test
  void options_defaultsAndQuick() {
    Bench.Options full = Bench.parse(new String[] {});
    assertThat(List.of(full.runs(), full.primedRuns(), full.warmup(), full.warm())).containsExactly(10, 5, 1000, 2000);
    assertThat(full.write()).isTrue();

    Bench.Options quick = Bench.parse(new String[] {"--quick", "--warm", "50"});
    assertThat(List.of(quick.runs(), quick.primedRuns(), quick.warmup(), quick.warm())).containsExactly(1, 1, 100, 50);
    assertThat(quick.write()).isFalse();
    assertThat(Bench.parse(new String[] {"--quick", "--write"}).write()).isTrue();

    Bench.Options opts = Bench.parse(new String[] {"--java-opts", " -XX:+UseSerialGC  -Xshare:auto ", "--label", "a|b"});
    assertThat(opts.javaOpts()).containsExactly("-XX:+UseSerialGC", "-Xshare:auto");
    assertThat(opts.label()).isEqualTo("a/b"); // no table breaks in the history row

    assertThat(Bench.parse(new String[] {"--help"})).isNull();
    assertThatThrownBy(() -> Bench.parse(new String[] {"--runs", "0"})).hasMessageContaining("--runs");
    assertThatThrownBy(() -> Bench.parse(new String[] {"--bogus"})).hasMessageContaining("--bogus");
  }

  @Test
  void benchmarksFile_replacesTheLatestSection_appendsAHistoryRow_andKeepsTheRest() {
    String before =
        "# Benchmarks\n\nhuman text\n\n" + BenchmarksFile.HISTORY_BEGIN + "\n" + BenchmarksFile.HISTORY_END
            + "\n\nmore human text\n\n" + BenchmarksFile.BEGIN + "\nold figures\n" + BenchmarksFile.END + "\ntail\n";

    String once = BenchmarksFile.updated(before, "## Latest run\nnew figures\n", "| row 1 |");
    String twice = BenchmarksFile.updated(once, "## Latest run\nnewer figures\n", "| row 2 |");

    assertThat(twice)
        .startsWith("# Benchmarks\n\nhuman text\n\n")
        .contains("more human text")
        .endsWith(BenchmarksFile.END + "\ntail\n")
        .contains("newer figures")
        .doesNotContain("old figures", "new figures\n");
    assertThat(twice.indexOf("| row 1 |")).isLessThan(twice.indexOf("| row 2 |"));
    assertThat(twice.indexOf("| row 2 |")).isLessThan(twice.indexOf(BenchmarksFile.HISTORY_END));
    assertThat(twice).containsOnlyOnce("| date | commit |");
  }

  @Test
  void benchmarksFile_withoutMarkers_addsBothSectionsAtTheEnd() {
    String after = BenchmarksFile.updated("# Benchmarks\n\nintro\n", "figures", "| row |");
    assertThat(after).startsWith("# Benchmarks\n\nintro\n").contains(BenchmarksFile.HISTORY_BEGIN, "| row |",
        BenchmarksFile.BEGIN + "\nfigures\n" + BenchmarksFile.END);
  }
}
