package com.web3crm.webhook.bench;

import static com.web3crm.webhook.bench.Bench.fmt;

import com.web3crm.webhook.bench.Bench.Function;
import com.web3crm.webhook.bench.Bench.Results;
import com.web3crm.webhook.bench.Child.Run;
import com.web3crm.webhook.bench.harness.Stats;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The figures of one run as a plain-text table (stdout) and as Markdown (BENCHMARKS.md), with the targets. */
final class Report {
  /** Issue 4's targets. */
  static final double COLD_OWN_SECONDS = 0.170;
  static final double PEAK_RSS_MIB = 110;
  static final double PRIMED_FACTOR = 2.0;
  static final double WARM_OVER_RAW_MS = 0.1;
  static final double WARM_P99_FACTOR = 1.5;
  static final double WARM_MEDIAN_MS = 1.0;
  static final long ARTIFACT_BYTES = 6_000_000L;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Results r;
  private final List<Target> targets;

  record Target(String what, String function, String measured, String limit, boolean pass) {}

  Report(Results results) {
    this.r = results;
    this.targets = evaluate();
  }

  // ---- figures ---------------------------------------------------------------------------------------------------

  private List<Run> runs(String kind) {
    List<Run> list = new ArrayList<>();
    for (Run run : r.runs) {
      if (run.kind().equals(kind)) {
        list.add(run);
      }
    }
    return list;
  }

  private static Stats stats(List<Run> runs, ToDoubleFunction<Run> value) {
    double[] values = new double[runs.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.applyAsDouble(runs.get(i));
    }
    return Stats.of(values);
  }

  private double coldWallMedian(String kind) {
    return stats(runs(kind), Run::wallSeconds).median();
  }

  private double coldOwn(Function f) {
    return coldWallMedian("cold:" + f.logicalId()) - coldWallMedian("harness");
  }

  /** The SDK client's own share of a cold start: the SDK floor row minus the harness only row. */
  private double sdkFloorOwn() {
    return coldWallMedian("sdk-floor") - coldWallMedian("harness");
  }

  private double rssMedian(Function f) {
    return stats(runs("cold:" + f.logicalId()), Run::peakRssMib).median();
  }

  private Stats firstRequest(Function f, boolean primed) {
    return stats(runs((primed ? "primed:" : "unprimed:") + f.logicalId()), run -> run.millis("invoke_ns"));
  }

  private String primingMode(Function f) {
    List<Run> primed = runs("primed:" + f.logicalId());
    if (primed.isEmpty()) {
      return "not run";
    }
    Run run = primed.get(0);
    return switch (run.get("prime")) {
      case "registered" -> "org.crac: " + run.get("prime_registered") + " resource(s) registered"
          + (run.get("prime_collected").equals("0") ? ""
              : ", " + run.get("prime_collected") + " garbage-collected before the checkpoint (org.crac holds "
                  + "resources weakly: their hooks never ran)");
      case "direct" -> "handler implements org.crac.Resource but never registered it (Lambda would not call it); "
          + "called directly";
      default -> "none (no priming routine)";
    };
  }

  private boolean primed(Function f) {
    List<Run> primed = runs("primed:" + f.logicalId());
    return !primed.isEmpty() && !primed.get(0).get("prime").equals("none");
  }

  private Run warm(Function f) {
    List<Run> warm = runs("warm:" + f.logicalId());
    return warm.isEmpty() ? null : warm.get(0);
  }

  private static double ms(Run run, String key) {
    return run == null ? Double.NaN : run.millis(key);
  }

  private static double callsPerRequest(Run warm) {
    return warm == null ? Double.NaN
        : Double.parseDouble(warm.get("handler_calls")) / Double.parseDouble(warm.get("requests"));
  }

  boolean everyRequestOneCall() {
    for (Function f : r.functions) {
      Run warm = warm(f);
      if (warm == null || !warm.get("requests_not_one_call").equals("0")) {
        return false;
      }
    }
    return true;
  }

  private List<Target> evaluate() {
    List<Target> list = new ArrayList<>();
    for (Function f : r.functions) {
      double own = coldOwn(f);
      list.add(new Target("cold − harness only", f.logicalId(), fmt("%.3f s", own),
          "≤ " + fmt("%.3f s", COLD_OWN_SECONDS), own <= COLD_OWN_SECONDS));
    }
    for (Function f : r.functions) {
      double rss = rssMedian(f);
      list.add(new Target("cold peak RSS (median)", f.logicalId(), fmt("%.1f MiB", rss),
          "≤ " + fmt("%.0f MiB", PEAK_RSS_MIB), rss <= PEAK_RSS_MIB));
    }
    for (Function f : r.functions) {
      double first = firstRequest(f, true).median();
      double warm = ms(warm(f), "invoke_median_ns");
      list.add(new Target("first request after priming (median)" + (primed(f) ? "" : " [no priming routine]"),
          f.logicalId(), fmt("%.2f ms", first), "≤ 2 × warm median = " + fmt("%.2f ms", PRIMED_FACTOR * warm),
          first <= PRIMED_FACTOR * warm));
    }
    for (Function f : r.functions) {
      Run warm = warm(f);
      double median = ms(warm, "invoke_median_ns");
      double raw = ms(warm, "raw_median_ns");
      list.add(new Target("warm median ≤ raw " + rawOperation(warm) + " median + 0.1 ms", f.logicalId(),
          fmt("%.3f ms", median), "≤ " + fmt("%.3f ms", raw + WARM_OVER_RAW_MS), median <= raw + WARM_OVER_RAW_MS));
    }
    for (Function f : r.functions) {
      Run warm = warm(f);
      double p99 = ms(warm, "invoke_p99_ns");
      double raw = ms(warm, "raw_p99_ns");
      list.add(new Target("warm p99 ≤ 1.5 × raw " + rawOperation(warm) + " p99", f.logicalId(), fmt("%.3f ms", p99),
          "≤ " + fmt("%.3f ms", WARM_P99_FACTOR * raw), p99 <= WARM_P99_FACTOR * raw));
    }
    for (Function f : r.functions) {
      double median = ms(warm(f), "invoke_median_ns");
      list.add(new Target("warm median (absolute)", f.logicalId(), fmt("%.3f ms", median),
          "≤ " + fmt("%.1f ms", WARM_MEDIAN_MS), median <= WARM_MEDIAN_MS));
    }
    list.add(new Target("artifact size (zip)", "both", String.format(Locale.ROOT, "%,d bytes", r.size.zipBytes()),
        String.format(Locale.ROOT, "≤ %,d bytes", ARTIFACT_BYTES), r.size.zipBytes() <= ARTIFACT_BYTES));
    for (Function f : r.functions) {
      Run warm = warm(f);
      list.add(new Target("DynamoDB calls per request", f.logicalId(),
          warm == null ? "not run" : fmt("%.3f", callsPerRequest(warm)) + " (" + warm.get("requests_not_one_call")
              + " of " + warm.get("requests") + " requests made ≠ 1)",
          "exactly 1, every request", warm != null && warm.get("requests_not_one_call").equals("0")));
    }
    return list;
  }

  private static String rawOperation(Run warm) {
    return warm == null ? "call" : warm.get("raw_operation");
  }

  private ClassLoads classes(String key) {
    return r.classLoads.get(key);
  }

  // ---- plain text ------------------------------------------------------------------------------------------------

  String text() {
    StringBuilder t = new StringBuilder();
    t.append("\nbin/bench  ").append(DATE.format(r.started)).append("  commit ").append(r.commit)
        .append(r.options.label().isEmpty() ? "" : "  [" + r.options.label() + "]").append('\n');
    t.append("machine: ").append(machineLine()).append('\n');
    t.append("load average (1/5/15 min): start ").append(r.loadStart).append(", end ").append(r.loadEnd)
        .append(busyAtStart() ? "  -- busy machine: preliminary figures" : "").append('\n');
    t.append("JDK: ").append(r.machine.jdk()).append('\n');
    t.append("JAVA_TOOL_OPTIONS (template.yaml): ").append(r.globalJavaToolOptions).append("; other: ")
        .append(r.javaOpts).append('\n');
    t.append("DynamoDB: ").append(r.dynamoDb).append("\n\n");

    t.append("COLD: one fresh JVM per run; ").append(r.options.runs())
        .append(" counted rounds, interleaved floor / harness / SDK floor / register / get; median [min-max]\n");
    t.append(String.format(Locale.ROOT, "  %-26s %-22s %-20s %6s %9s %8s %8s  %s%n", "", "wall s", "peak RSS MiB",
        "CPU s", "->main ms", "init ms", "1st ms", "classes loaded (-Xlog run)"));
    coldLine(t, "floor (empty main)", "floor", "floor");
    coldLine(t, "harness only (no-op)", "harness", "harness");
    coldLine(t, "SDK floor (1 raw GetItem)", "sdk-floor", "sdk-floor");
    for (Function f : r.functions) {
      coldLine(t, f.logicalId(), "cold:" + f.logicalId(), f.logicalId());
    }
    t.append("  cold − harness only (difference of medians):");
    for (Function f : r.functions) {
      t.append(' ').append(f.logicalId()).append(' ').append(fmt("%.3f s", coldOwn(f)));
    }
    t.append("; SDK floor ").append(fmt("%.3f s", sdkFloorOwn()));
    t.append("\n\n");

    t.append("PRIMED: fresh JVM per run (").append(r.options.primedRuns())
        .append(" each): init, the SnapStart hooks, then one request (event bytes -> response bytes)\n");
    for (Function f : r.functions) {
      Stats primed = firstRequest(f, true);
      Stats unprimed = firstRequest(f, false);
      t.append(String.format(Locale.ROOT, "  %-26s priming: %s%n", f.logicalId(), primingMode(f)));
      t.append(String.format(Locale.ROOT, "  %-26s hooks ms median: beforeCheckpoint %s, gc %s, afterRestore %s%n",
          "", hookMedian(f, "before_checkpoint_ns"), hookMedian(f, "gc_ns"), hookMedian(f, "after_restore_ns")));
      t.append(String.format(Locale.ROOT, "  %-26s first request ms: after priming %s; without %s%n", "",
          spread(primed, "%.2f"), spread(unprimed, "%.2f")));
    }
    t.append('\n');

    t.append("WARM: one JVM per function; ").append(r.options.warmup()).append(" unmeasured + ")
        .append(r.options.warm()).append(" measured invocations; ms median / p99\n");
    t.append(String.format(Locale.ROOT, "  %-26s %-18s %-18s %-22s %-12s %s%n", "", "handler bytes->bytes",
        "handleRequest only", "raw SDK call, same JVM", "handler-raw", "DynamoDB calls/request"));
    for (Function f : r.functions) {
      Run w = warm(f);
      t.append(String.format(Locale.ROOT, "  %-26s %-18s %-18s %-22s %-12s %s%n", f.logicalId(),
          pair(w, "invoke"), pair(w, "handle"), rawOperation(w) + " " + pair(w, "raw"),
          fmt("%+.3f", ms(w, "invoke_median_ns") - ms(w, "raw_median_ns")),
          fmt("%.3f", callsPerRequest(w)) + " (attempts " + fmt("%.3f", attemptsPerRequest(w)) + ")"));
    }
    for (Function f : r.functions) {
      t.append(String.format(Locale.ROOT, "  %-26s %s%n", f.logicalId(), afterGcLine(warm(f))));
    }
    t.append('\n');

    t.append("SIZE: ").append(sizeLine()).append('\n');
    t.append("  largest jars: ").append(String.join(", ", r.size.largestJars())).append("\n\n");

    t.append("TARGETS (issue 4)\n");
    for (Target target : targets) {
      t.append(String.format(Locale.ROOT, "  %s  %-62s %-24s %s (%s)%n", target.pass() ? "PASS" : "FAIL",
          target.what(), target.function(), target.measured(), target.limit()));
    }
    return t.toString();
  }

  private void coldLine(StringBuilder t, String label, String kind, String classesKey) {
    List<Run> runs = runs(kind);
    ClassLoads classes = classes(classesKey);
    t.append(String.format(Locale.ROOT, "  %-26s %-22s %-20s %6s %9s %8s %8s  %s%n", label,
        spread(stats(runs, Run::wallSeconds), "%.3f"), spread(stats(runs, Run::peakRssMib), "%.1f"),
        fmt("%.2f", stats(runs, Run::cpuSeconds).median()), fmt("%.1f", stats(runs, Run::toMainMillis).median()),
        fmt("%.1f", stats(runs, run -> run.millis("init_ns")).median()),
        fmt("%.1f", stats(runs, run -> run.millis("invoke_ns")).median()),
        classes == null ? "" : classes.summary()));
  }

  private String hookMedian(Function f, String key) {
    return primed(f) ? fmt("%.1f", stats(runs("primed:" + f.logicalId()), run -> run.millis(key)).median()) : "-";
  }

  private static String spread(Stats s, String format) {
    if (s.isEmpty()) {
      return "-";
    }
    return fmt(format, s.median()) + " [" + fmt(format, s.min()) + "-" + fmt(format, s.max()) + "]";
  }

  /** The warm JVM's requests right after a System.gc(): the floor under "first request after priming". */
  private static String afterGcLine(Run warm) {
    if (warm == null || warm.get("after_gc_median_ns").isEmpty()) {
      return "after System.gc(): not measured";
    }
    return "after System.gc() (as before a snapshot), the same warm JVM, one request each: " + fmt("%.2f",
        ms(warm, "after_gc_median_ns")) + " ms [" + fmt("%.2f", ms(warm, "after_gc_min_ns")) + "-"
        + fmt("%.2f", ms(warm, "after_gc_max_ns")) + "] over " + warm.get("after_gc_n") + " requests";
  }

  private static String pair(Run warm, String prefix) {
    return fmt("%.3f", ms(warm, prefix + "_median_ns")) + " / " + fmt("%.3f", ms(warm, prefix + "_p99_ns"));
  }

  private static double attemptsPerRequest(Run warm) {
    return warm == null ? Double.NaN
        : Double.parseDouble(warm.get("handler_attempts")) / Double.parseDouble(warm.get("requests"));
  }

  private String machineLine() {
    return r.machine.cpus() + " CPUs (nproc), " + r.machine.cpuModel() + ", " + r.machine.memory() + ", "
        + r.machine.os();
  }

  private String sizeLine() {
    return String.format(Locale.ROOT,
        "target/lambda-artifact zipped %,d bytes (DEFLATE, default level); files %,d bytes in %d files; "
            + "%,d classes (inside jars included); %d jars",
        r.size.zipBytes(), r.size.fileBytes(), r.size.files(), r.size.classes(), r.size.jars());
  }

  // ---- Markdown --------------------------------------------------------------------------------------------------

  String markdownSection() {
    StringBuilder m = new StringBuilder();
    m.append("## Latest run\n\n");
    m.append("Generated by `bin/bench").append(argsNote()).append("`; do not edit between the markers. ")
        .append("Every run is in `target/bench/runs.tsv` after a run.\n\n");
    if (busyAtStart()) {
      m.append("**Preliminary:** the machine was busy when this run started (1-minute load average ")
          .append(r.loadStart.split(" ")[0]).append(" on ").append(r.machine.cpus())
          .append(" CPUs); compare only with runs on a quiet machine.\n\n");
    }
    m.append("| | |\n|---|---|\n");
    m.append("| date | ").append(DATE.format(r.started)).append(" (took ")
        .append(java.time.Duration.between(r.started, r.finished).toSeconds()).append(" s) |\n");
    m.append("| commit | `").append(r.commit).append("`")
        .append(r.options.label().isEmpty() ? "" : " — " + r.options.label()).append(" |\n");
    m.append("| machine | ").append(machineLine()).append(" |\n");
    m.append("| load average (1/5/15 min) | start ").append(r.loadStart).append("; end ").append(r.loadEnd)
        .append(" |\n");
    m.append("| JDK | ").append(r.machine.jdk()).append(" |\n");
    m.append("| flags | `JAVA_TOOL_OPTIONS=").append(r.globalJavaToolOptions).append("` (read from template.yaml); ")
        .append(r.javaOpts.replace("-D", "`-D").replace(" (", "` (")).append(" |\n");
    m.append("| DynamoDB | ").append(r.dynamoDb).append(" |\n");
    m.append("| events | ");
    for (Function f : r.functions) {
      m.append(f.logicalId()).append(": `").append(eventName(f)).append("`; ");
    }
    m.setLength(m.length() - 2);
    m.append(" |\n");
    m.append("| runs | cold: ").append(r.options.runs()).append(" counted rounds")
        .append(r.options.quick() ? "" : " after 1 uncounted").append("; primed: ").append(r.options.primedRuns())
        .append(" per function and mode; warm: ").append(r.options.warmup()).append(" unmeasured + ")
        .append(r.options.warm()).append(" measured per function |\n\n");

    m.append("### Targets\n\n| | target | function | measured | limit |\n|---|---|---|---|---|\n");
    for (Target target : targets) {
      m.append("| ").append(target.pass() ? "PASS" : "**FAIL**").append(" | ").append(target.what()).append(" | ")
          .append(target.function()).append(" | ").append(target.measured()).append(" | ").append(target.limit())
          .append(" |\n");
    }

    m.append("\n### Cold (one fresh JVM per run; median [min–max])\n\n");
    m.append("| run | wall s | peak RSS MiB | CPU s | JVM start → main ms | init ms | first invoke ms "
        + "| classes loaded (CDS / JDK / artifact / harness / generated) |\n|---|---|---|---|---|---|---|---|\n");
    coldRow(m, "floor (empty `main()`)", "floor", "floor");
    coldRow(m, "harness only (no-op handler)", "harness", "harness");
    coldRow(m, "SDK floor (the functions' DynamoDB client, one plain GetItem)", "sdk-floor", "sdk-floor");
    for (Function f : r.functions) {
      coldRow(m, f.logicalId(), "cold:" + f.logicalId(), f.logicalId());
    }
    m.append("\ncold − harness only (difference of medians): ");
    List<String> own = new ArrayList<>();
    for (Function f : r.functions) {
      own.add(f.logicalId() + " **" + fmt("%.3f s", coldOwn(f)) + "**");
    }
    m.append(String.join(", ", own)).append("; SDK floor **").append(fmt("%.3f s", sdkFloorOwn()))
        .append("** (what any handler on this SDK client costs at least).\n");
    m.append("\ninit split, median ms (class load + constructor / serializers): ");
    List<String> split = new ArrayList<>();
    for (Function f : r.functions) {
      List<Run> runs = runs("cold:" + f.logicalId());
      split.add(f.logicalId() + " " + fmt("%.1f", stats(runs, run -> run.millis("construct_ns")).median()) + " / "
          + fmt("%.1f", stats(runs, run -> run.millis("serializers_ns")).median()));
    }
    List<Run> harness = runs("harness");
    split.add("harness only " + fmt("%.1f", stats(harness, run -> run.millis("construct_ns")).median()) + " / "
        + fmt("%.1f", stats(harness, run -> run.millis("serializers_ns")).median()));
    m.append(String.join("; ", split)).append(".\n");

    m.append("\n### Primed (fresh JVM per run: init, SnapStart hooks, one request)\n\n");
    m.append("| function | priming routine | hooks, median ms (beforeCheckpoint / gc / afterRestore) "
        + "| first request after priming, ms | first request without priming, ms |\n|---|---|---|---|---|\n");
    for (Function f : r.functions) {
      m.append("| ").append(f.logicalId()).append(" | ").append(primingMode(f)).append(" | ")
          .append(hookMedian(f, "before_checkpoint_ns")).append(" / ").append(hookMedian(f, "gc_ns")).append(" / ")
          .append(hookMedian(f, "after_restore_ns")).append(" | ").append(spread(firstRequest(f, true), "%.2f"))
          .append(" | ").append(spread(firstRequest(f, false), "%.2f")).append(" |\n");
    }

    m.append("\n### Warm (one JVM per function; ms, median / p99)\n\n");
    m.append("| function | handler, event bytes → response bytes | `handleRequest` only | raw SDK call, same JVM "
        + "and client | handler − raw, median | DynamoDB calls / attempts per request |\n|---|---|---|---|---|---|\n");
    for (Function f : r.functions) {
      Run w = warm(f);
      m.append("| ").append(f.logicalId()).append(" | ").append(pair(w, "invoke")).append(" | ")
          .append(pair(w, "handle")).append(" | ").append(rawOperation(w)).append(' ').append(pair(w, "raw"))
          .append(" | ").append(fmt("%+.3f", ms(w, "invoke_median_ns") - ms(w, "raw_median_ns"))).append(" | ")
          .append(fmt("%.3f", callsPerRequest(w))).append(" / ").append(fmt("%.3f", attemptsPerRequest(w)))
          .append(" |\n");
    }

    m.append('\n');
    for (Function f : r.functions) {
      m.append("- ").append(f.logicalId()).append(": ").append(afterGcLine(warm(f))).append('\n');
    }

    m.append("\n### Size\n\n").append(sizeLine()).append(".\nLargest jars (bytes): ")
        .append(String.join(", ", r.size.largestJars())).append(".\n");
    return m.toString();
  }

  /** The 1-minute load average at the start was at least half the CPUs: someone else was using the machine. */
  boolean busyAtStart() {
    try {
      return Double.parseDouble(r.loadStart.split(" ")[0]) >= r.machine.cpus() / 2.0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String argsNote() {
    List<String> args = new ArrayList<>();
    if (r.options.runs() != 10) {
      args.add("--runs " + r.options.runs());
    }
    if (r.options.primedRuns() != 5) {
      args.add("--primed-runs " + r.options.primedRuns());
    }
    if (r.options.warm() != 2000) {
      args.add("--warm " + r.options.warm());
    }
    if (r.options.warmup() != 1000) {
      args.add("--warmup " + r.options.warmup());
    }
    if (!r.options.javaOpts().isEmpty()) {
      args.add("--java-opts '" + String.join(" ", r.options.javaOpts()) + "'");
    }
    return args.isEmpty() ? "" : " " + String.join(" ", args);
  }

  private static String eventName(Function f) {
    Path p = f.event();
    return p.getParent() == null ? p.toString() : p.getParent().getFileName() + "/" + p.getFileName();
  }

  private void coldRow(StringBuilder m, String label, String kind, String classesKey) {
    List<Run> runs = runs(kind);
    ClassLoads c = classes(classesKey);
    m.append("| ").append(label).append(" | ").append(spread(stats(runs, Run::wallSeconds), "%.3f")).append(" | ")
        .append(spread(stats(runs, Run::peakRssMib), "%.1f")).append(" | ")
        .append(fmt("%.2f", stats(runs, Run::cpuSeconds).median())).append(" | ")
        .append(orDash(fmt("%.1f", stats(runs, Run::toMainMillis).median()))).append(" | ")
        .append(orDash(fmt("%.1f", stats(runs, run -> run.millis("init_ns")).median()))).append(" | ")
        .append(orDash(fmt("%.1f", stats(runs, run -> run.millis("invoke_ns")).median()))).append(" | ")
        .append(c == null ? "-" : c.total() + " (" + c.cds() + " / " + c.jdk() + " / " + c.artifact() + " / "
            + c.harness() + " / " + c.generated() + ")")
        .append(" |\n");
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }

  static String historyHeader() {
    return "| date | commit | note | load start → end | cold − harness s (reg / get) | peak RSS MiB (reg / get) "
        + "| first request after priming ms (reg / get) | warm median ms (reg / get) | raw median ms (UpdateItem / "
        + "GetItem) | zip bytes | targets met |\n|---|---|---|---|---|---|---|---|---|---|---|";
  }

  String historyRow() {
    List<String> own = new ArrayList<>();
    List<String> rss = new ArrayList<>();
    List<String> primedFirst = new ArrayList<>();
    List<String> warm = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    for (Function f : r.functions) {
      own.add(fmt("%.3f", coldOwn(f)));
      rss.add(fmt("%.1f", rssMedian(f)));
      primedFirst.add(fmt("%.2f", firstRequest(f, true).median()) + (primed(f) ? "" : "*"));
      warm.add(fmt("%.3f", ms(warm(f), "invoke_median_ns")));
      raw.add(fmt("%.3f", ms(warm(f), "raw_median_ns")));
    }
    long met = targets.stream().filter(Target::pass).count();
    String note = r.options.label().isEmpty() ? "" : r.options.label();
    if (!r.options.javaOpts().isEmpty()) {
      note = (note.isEmpty() ? "" : note + "; ") + "`" + String.join(" ", r.options.javaOpts()) + "`";
    }
    return "| " + DATE.format(r.started) + " | `" + r.commit + "` | " + note + " | " + r.loadStart + " → "
        + r.loadEnd + " | " + String.join(" / ", own) + " | " + String.join(" / ", rss) + " | "
        + String.join(" / ", primedFirst) + " | " + String.join(" / ", warm) + " | " + String.join(" / ", raw)
        + " | " + String.format(Locale.ROOT, "%,d", r.size.zipBytes()) + " | " + met + " / " + targets.size() + " |";
  }
}
