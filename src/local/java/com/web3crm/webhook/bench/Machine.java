package com.web3crm.webhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a benchmark ran: CPUs, CPU model, memory, OS, JDK, Node; and the load average when asked. */
record Machine(int cpus, String cpuModel, String memory, String os, String jdk, String node) {

  static Machine describe(Path java) {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        firstMatch(Path.of("/proc/cpuinfo"), "^model name\\s*:\\s*(.+)$", "unknown CPU"),
        totalMemory(),
        firstMatch(Path.of("/etc/os-release"), "^PRETTY_NAME=\"?([^\"]*)\"?$", System.getProperty("os.name")),
        command(List.of(java.toString(), "-version")).replace('\n', ';').replaceAll(";\\s*$", "").replace(";", "; "),
        command(List.of("node", "--version")).strip());
  }

  /** The 1, 5 and 15 minute load averages from /proc/loadavg, e.g. {@code 1.52 1.38 1.20}. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown";
    }
  }

  /** The version of the dynalite package installed under node_modules. */
  static String dynaliteVersion(Path projectDir) {
    return firstMatch(projectDir.resolve("node_modules/dynalite/package.json"), "^\\s*\"version\":\\s*\"([^\"]+)\"",
        "unknown");
  }

  private static String totalMemory() {
    String kb = firstMatch(Path.of("/proc/meminfo"), "^MemTotal:\\s*(\\d+) kB$", null);
    return kb == null ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1048576.0);
  }

  private static String firstMatch(Path file, String regex, String fallback) {
    try {
      Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(file, StandardCharsets.UTF_8));
      return m.find() ? m.group(1).strip() : fallback;
    } catch (IOException e) {
      return fallback;
    }
  }

  private static String command(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      return text.strip();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
