package com.web3crm.webhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Updates BENCHMARKS.md in place, touching only two generated regions and leaving the human-written text around
 * them alone:
 *
 * <ul>
 *   <li>between {@value #BEGIN} and {@value #END}: replaced by the latest run's section;
 *   <li>between {@value #HISTORY_BEGIN} and {@value #HISTORY_END}: a table to which every written run appends one
 *       row (the before/after record of the levers tried).
 * </ul>
 *
 * Missing markers are added at the end of the file (the file is created when missing).
 */
final class BenchmarksFile {
  static final String BEGIN = "<!-- bench:begin -->";
  static final String END = "<!-- bench:end -->";
  static final String HISTORY_BEGIN = "<!-- bench-history:begin -->";
  static final String HISTORY_END = "<!-- bench-history:end -->";

  private BenchmarksFile() {}

  static void update(Path file, String section, String historyRow) throws IOException {
    String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
    Files.writeString(file, updated(text, section, historyRow), StandardCharsets.UTF_8);
  }

  static String updated(String text, String section, String historyRow) {
    String withHistory;
    int hb = text.indexOf(HISTORY_BEGIN);
    int he = text.indexOf(HISTORY_END);
    if (hb >= 0 && he > hb) {
      String existing = text.substring(hb + HISTORY_BEGIN.length(), he).strip();
      String table = existing.isEmpty() ? Report.historyHeader() : existing;
      withHistory = text.substring(0, hb) + HISTORY_BEGIN + "\n" + table + "\n" + historyRow + "\n" + text.substring(he);
    } else {
      withHistory = ensureNewline(text) + "\n## History\n\n" + HISTORY_BEGIN + "\n" + Report.historyHeader() + "\n"
          + historyRow + "\n" + HISTORY_END + "\n";
    }
    int b = withHistory.indexOf(BEGIN);
    int e = withHistory.indexOf(END);
    if (b >= 0 && e > b) {
      return withHistory.substring(0, b) + BEGIN + "\n" + section.strip() + "\n" + withHistory.substring(e);
    }
    return ensureNewline(withHistory) + "\n" + BEGIN + "\n" + section.strip() + "\n" + END + "\n";
  }

  private static String ensureNewline(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }
}
