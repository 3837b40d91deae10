package com.web3crm.webhook.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dynalite (DynamoDB-compatible server, pinned in package-lock.json) running as a child process on
 * {@code 127.0.0.1} and a free port, for tests and local tools.
 *
 * <pre>{@code
 * try (DynaliteProcess dynalite = DynaliteProcess.start(projectDir, null)) {   // null: in-memory
 *   LocalEnvironment env = LocalEnvironment.forEndpoint(dynalite.endpoint());
 *   try (DynamoDbClient client = env.dynamoDbClient()) {
 *     LocalTable.ensure(client, env.tableName());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Needs {@code node} (20+) on the PATH. When {@code node_modules/dynalite} is missing it runs
 *       {@code npm ci} in the project directory first, once per JVM, under a file lock so that parallel test JVMs
 *       do not install concurrently.
 *   <li>Runs {@code node src/local/node/dynalite-server.js --port 0 [--path DIR] --watch-stdin} in the project
 *       directory and waits (at most {@link #STARTUP_TIMEOUT}) for its {@code DYNALITE_PORT=N} line; if it exits
 *       or times out first, {@link #start} throws with what the process wrote to stderr.
 *   <li>Its stdout and stderr are drained by daemon threads, never inherited (an inherited stdout corrupts the
 *       channel between Surefire and its forked JVMs). The last lines are kept for {@link #recentOutput()}.
 *   <li>{@code --watch-stdin}: the child exits when its stdin pipe closes, so it dies with this JVM even when
 *       {@link #close()} never runs (kill -9, a crashed fork).
 *   <li>With a data directory the data persists (LevelDB). LevelDB locks the directory: a second process on
 *       the same directory fails to start, with a message saying so. {@code null} → in-memory, nothing shared:
 *       what tests want.
 * </ul>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class DynaliteProcess implements AutoCloseable {
  /** How long {@link #start} waits for the readiness line. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
  /** The launcher, relative to the project directory. */
  public static final String SERVER_SCRIPT = "src/local/node/dynalite-server.js";

  private static final Pattern READY = Pattern.compile("DYNALITE_PORT=(\\d+)");
  private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
  private static final int KEPT_LINES = 200;
  private static final Object NPM_LOCK = new Object();
  private static volatile boolean nodeDepsChecked;

  private final Process process;
  private final int port;
  private final Deque<String> recent;
  private boolean closed;

  private DynaliteProcess(Process process, int port, Deque<String> recent) {
    this.process = process;
    this.port = port;
    this.recent = recent;
  }

  /**
   * Starts dynalite and waits until it accepts requests.
   *
   * @param projectDir the project directory (holds package.json and {@value #SERVER_SCRIPT})
   * @param dataDirOrNull LevelDB directory for persistent data (created when missing), or null for in-memory
   * @throws IOException when node or npm cannot be run, npm ci fails, or dynalite does not come up
   */
  public static DynaliteProcess start(Path projectDir, Path dataDirOrNull) throws IOException {
    Path project = projectDir.toAbsolutePath().normalize();
    Path script = project.resolve(SERVER_SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new IOException("not a project directory: " + script + " is missing");
    }
    ensureNodeDependencies(project);

    List<String> command = new ArrayList<>(List.of("node", script.toString(), "--port", "0"));
    if (dataDirOrNull != null) {
      Path dataDir = project.resolve(dataDirOrNull).normalize();
      Files.createDirectories(dataDir);
      command.addAll(List.of("--path", dataDir.toString()));
    }
    command.add("--watch-stdin");

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .redirectError(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("cannot run node (Node.js 20+ must be on the PATH): " + e.getMessage(), e);
    }

    Deque<String> recent = new ArrayDeque<>();
    CompletableFuture<String> firstLine = new CompletableFuture<>();
    Thread stdout = drain(process.getInputStream(), "stdout", recent, firstLine);
    Thread stderr = drain(process.getErrorStream(), "stderr", recent, null);

    String line;
    try {
      line = firstLine.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw startFailure(process, stdout, stderr, recent, "did not report its port within " + STARTUP_TIMEOUT);
    } catch (ExecutionException e) {
      throw startFailure(process, stdout, stderr, recent, "exited before it was ready");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw startFailure(process, stdout, stderr, recent, "interrupted while waiting for it");
    }
    Matcher matcher = READY.matcher(line);
    if (!matcher.matches()) {
      throw startFailure(process, stdout, stderr, recent, "wrote an unexpected first line: " + line);
    }
    return new DynaliteProcess(process, Integer.parseInt(matcher.group(1)), recent);
  }

  /** {@code http://127.0.0.1:PORT}: the value for {@code DYNAMODB_ENDPOINT} and the SDK's endpointOverride. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines the process wrote (stdout and stderr, prefixed), for diagnostics in failing tests. */
  public String recentOutput() {
    synchronized (recent) {
      return String.join("\n", recent);
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(process);
  }

  @Override
  public String toString() {
    return "DynaliteProcess[pid=" + process.pid() + ", endpoint=" + endpoint() + "]";
  }

  /**
   * Runs {@code npm ci} in {@code projectDir} when {@code node_modules/dynalite} is missing. Once per JVM, and
   * under a lock file in the temp directory so that concurrent JVMs (parallel Surefire forks) install once.
   */
  public static void ensureNodeDependencies(Path projectDir) throws IOException {
    if (nodeDepsChecked) {
      return;
    }
    synchronized (NPM_LOCK) {
      if (nodeDepsChecked) {
        return;
      }
      Path marker = projectDir.resolve("node_modules").resolve("dynalite").resolve("package.json");
      if (!Files.isRegularFile(marker)) {
        Path lockFile =
            Path.of(System.getProperty("java.io.tmpdir"))
                .resolve("crm-webhook-npm-ci-" + Integer.toHexString(projectDir.toString().hashCode()) + ".lock");
        try (FileChannel channel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          FileLock lock = channel.lock();
          try {
            if (!Files.isRegularFile(marker)) { // another JVM may have installed it while we waited
              runNpmCi(projectDir);
            }
          } finally {
            lock.release();
          }
        }
        if (!Files.isRegularFile(marker)) {
          throw new IOException("npm ci succeeded but " + marker + " is still missing; is dynalite in package.json?");
        }
      }
      nodeDepsChecked = true;
    }
  }

  private static void runNpmCi(Path projectDir) throws IOException {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    Path log = Files.createTempFile("npm-ci", ".log");
    try {
      Process npm;
      try {
        npm =
            new ProcessBuilder(
                    windows ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(projectDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile(windows)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        throw new IOException("node_modules/dynalite is missing and npm cannot be run: " + e.getMessage(), e);
      }
      boolean finished;
      try {
        finished = npm.waitFor(NPM_CI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        npm.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running npm ci", e);
      }
      if (!finished) {
        npm.destroyForcibly();
        throw new IOException("npm ci did not finish within " + NPM_CI_TIMEOUT + ":\n" + Files.readString(log));
      }
      if (npm.exitValue() != 0) {
        throw new IOException("npm ci failed (exit " + npm.exitValue() + "):\n" + Files.readString(log));
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static java.io.File nullFile(boolean windows) {
    return new java.io.File(windows ? "NUL" : "/dev/null");
  }

  private static Thread drain(
      InputStream stream, String name, Deque<String> recent, CompletableFuture<String> firstLine) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  if (firstLine != null && !firstLine.isDone()) {
                    firstLine.complete(line);
                  }
                  synchronized (recent) {
                    recent.addLast(name + ": " + line);
                    while (recent.size() > KEPT_LINES) {
                      recent.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // the process is gone; nothing more to read
              } finally {
                if (firstLine != null) {
                  firstLine.completeExceptionally(new UncheckedIOException(new IOException(name + " closed")));
                }
              }
            },
            "dynalite-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static IOException startFailure(
      Process process, Thread stdout, Thread stderr, Deque<String> recent, String what) {
    stop(process);
    try {
      stdout.join(1000);
      stderr.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String output;
    synchronized (recent) {
      output = recent.isEmpty() ? "(no output)" : String.join("\n", recent);
    }
    String exit = process.isAlive() ? "" : " (exit status " + process.exitValue() + ")";
    return new IOException("dynalite " + what + exit + ":\n" + output);
  }

  private static void stop(Process process) {
    try {
      process.getOutputStream().close(); // --watch-stdin: EOF asks it to stop too
    } catch (IOException e) {
      // already closed
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
