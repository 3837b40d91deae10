package com.web3crm.webhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The classes a JVM loaded, counted from its {@code -Xlog:class+load=info:file=...:none} output (one line per
 * class: {@code name source: where}), by where they came from.
 *
 * @param cds from the JDK's class-data-sharing archive ({@code source: shared objects file})
 * @param jdk from the JDK's modules, not archived ({@code source: jrt:/...})
 * @param artifact from the deployment artifact (the folder or its jars)
 * @param harness from the benchmark harness or the runtime's serialization jar
 * @param generated everything else: lambda forms, proxies, hidden and other generated classes
 */
record ClassLoads(int total, int cds, int jdk, int artifact, int harness, int generated) {

  static ClassLoads count(Path log, Path artifactDir, List<Path> harnessEntries) throws IOException {
    int total = 0;
    int cds = 0;
    int jdk = 0;
    int artifact = 0;
    int harness = 0;
    int generated = 0;
    String artifactPrefix = artifactDir.toUri().getPath();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      int at = line.indexOf(" source: ");
      if (at < 0) {
        continue;
      }
      total++;
      String source = line.substring(at + " source: ".length());
      if (source.startsWith("shared objects file")) {
        cds++;
      } else if (source.startsWith("jrt:/")) {
        jdk++;
      } else if (source.contains(artifactPrefix)) {
        artifact++;
      } else if (fromAny(source, harnessEntries)) {
        harness++;
      } else {
        generated++;
      }
    }
    return new ClassLoads(total, cds, jdk, artifact, harness, generated);
  }

  private static boolean fromAny(String source, List<Path> entries) {
    for (Path entry : entries) {
      if (source.contains(entry.toUri().getPath())) {
        return true;
      }
    }
    return false;
  }

  String summary() {
    return total + " (CDS " + cds + ", JDK " + jdk + ", artifact " + artifact + ", harness " + harness
        + ", generated " + generated + ")";
  }
}
