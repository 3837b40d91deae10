package com.web3crm.webhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one fresh JVM and measures it from outside: {@code /usr/bin/time -f '%M %U %S' java ...}.
 *
 * <ul>
 *   <li>wall time: {@code System.nanoTime()} just before {@link ProcessBuilder#start()} to just after
 *       {@link Process#waitFor()} returns (spawn of {@code time}, which forks and execs java, to reap);
 *   <li>peak RSS: the kernel's maximum resident set size of the java process ({@code getrusage} via GNU time's
 *       {@code %M}, KiB); CPU: its user + system seconds ({@code %U %S}, 10 ms resolution);
 *   <li>JVM start to {@code main}: the child's {@code System.nanoTime()} at main entry ({@code main_ns} in its
 *       result line) minus the spawn time above. On Linux both read CLOCK_MONOTONIC, one clock for all processes.
 * </ul>
 *
 * The child's environment is exactly {@code env} (nothing inherited); its stdout goes to a scratch file (its
 * {@code BENCH} line is parsed from it), its stderr is appended to {@code log}.
 */
final class Child {
  static final Path TIME = Path.of("/usr/bin/time");
  private static final long TIMEOUT_SECONDS = 600;

  /** What one run gave. {@code result} holds the child's {@code BENCH} key/values (empty for the floor). */
  record Run(
      String kind, int round, long wallNanos, long peakRssKib, double cpuSeconds, long spawnNanos, int exit,
      Map<String, String> result) {
    double wallSeconds() {
      return wallNanos / 1e9;
    }

    double peakRssMib() {
      return peakRssKib / 1024.0;
    }

    /** JVM start to main, ms; NaN when the child printed no main_ns (the floor). */
    double toMainMillis() {
      String main = result.get("main_ns");
      return main == null ? Double.NaN : (Long.parseLong(main) - spawnNanos) / 1e6;
    }

    double millis(String key) {
      String value = result.get(key);
      return value == null ? Double.NaN : Double.parseDouble(value) / 1e6;
    }

    String get(String key) {
      return result.getOrDefault(key, "");
    }
  }

  private final Path java;
  private final Map<String, String> env;
  private final Path scratch;
  private final Path projectDir;

  Child(Path java, Map<String, String> env, Path scratch, Path projectDir) {
    this.java = java;
    this.env = env;
    this.scratch = scratch;
    this.projectDir = projectDir;
  }

  Run run(String kind, int round, List<String> jvmArgs, String mainClass, List<String> args, Map<String, String> extraEnv,
      Path log) throws IOException, InterruptedException {
    Path timeOut = scratch.resolve("time.txt");
    Path stdout = scratch.resolve("stdout.txt");
    Files.deleteIfExists(timeOut);
    List<String> command = new ArrayList<>(List.of(TIME.toString(), "-f", "%M %U %S", "-o", timeOut.toString()));
    command.add(java.toString());
    command.addAll(jvmArgs);
    command.add(mainClass);
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(projectDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().putAll(extraEnv);

    long spawn = System.nanoTime();
    Process process = builder.start();
    boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    long end = System.nanoTime();
    if (!finished) {
      process.destroyForcibly();
      throw new IOException(kind + " did not finish within " + TIMEOUT_SECONDS + " s; see " + log);
    }
    String[] usage = lastLine(timeOut).split(" ");
    long rss = usage.length == 3 ? Long.parseLong(usage[0]) : -1;
    double cpu = usage.length == 3 ? Double.parseDouble(usage[1]) + Double.parseDouble(usage[2]) : Double.NaN;
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
      if (line.startsWith("BENCH ")) {
        for (String pair : line.substring(6).split(" ")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            result.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        }
      }
    }
    return new Run(kind, round, end - spawn, rss, cpu, spawn, process.exitValue(), result);
  }

  private static String lastLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "";
  }
}
