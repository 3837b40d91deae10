package com.web3crm.webhook.bench;

import com.web3crm.webhook.bench.Child.Run;
import com.web3crm.webhook.bench.harness.ColdStart;
import com.web3crm.webhook.bench.harness.EmptyMain;
import com.web3crm.webhook.bench.harness.NoOpHandler;
import com.web3crm.webhook.bench.harness.SdkFloorHandler;
import com.web3crm.webhook.bench.harness.WarmLoop;
import com.web3crm.webhook.local.DynaliteProcess;
import com.web3crm.webhook.local.LocalEnvironment;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.local.TemplateRoutes;
import com.web3crm.webhook.store.BenchStoreAccess;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code bin/bench}: cold start, priming, warm latency and size of the deployment artifact, measured side by side
 * in one run against a dynalite it starts itself. See BENCHMARKS.md for the method; {@code bin/bench --help} for the
 * options.
 *
 * <p>Every function JVM runs the artifact itself ({@code target/lambda-artifact}: the folder and {@code lib/*}) plus
 * only what the managed Java runtime brings: {@code aws-lambda-java-serialization} and the small harness in
 * {@code ...bench.harness} (copied to {@code target/bench/harness}, so no other test or local class is on the class
 * path).
 */
public final class Bench {
  private Bench() {}

  static final String REGISTER = "RegisterWebhookFunction";
  static final String GET = "GetWebhookFunction";
  static final String CRAC_COMPAT = "com.web3crm.webhook.bench.harness.crac";

  private static final String USAGE =
      """
      usage: bin/bench [--runs N] [--primed-runs N] [--warm N] [--warmup N] [--quick] [--no-write]
                       [--java-opts 'OPTS'] [--label TEXT] [--register-event FILE] [--get-event FILE]

        --runs N           counted cold rounds (floor, harness only, each function: one fresh JVM each), after one
                           uncounted round; default 10
        --primed-runs N    fresh JVMs per function with and without the SnapStart hooks; default 5
        --warm N           measured warm invocations per function; default 2000
        --warmup N         unmeasured warm invocations before them; default 1000
        --quick            smoke run: 1 cold round (no uncounted one), 1 primed run, 100 + 200 warm; implies --no-write
        --no-write         print the table only; leave BENCHMARKS.md alone
        --write            update BENCHMARKS.md even with --quick
        --java-opts OPTS   extra JVM options for every measured JVM (after JAVA_TOOL_OPTIONS), e.g. to try a lever
        --label TEXT       a note for the history row in BENCHMARKS.md (e.g. "apache5 client")
        --register-event FILE, --get-event FILE
                           the events/ files the functions get; defaults events/register-base64-form.json and
                           events/get-webhook.json
      """;

  record Options(
      int runs, int primedRuns, int warm, int warmup, boolean quick, boolean write, List<String> javaOpts,
      String label, String registerEvent, String getEvent) {}

  /**
   * Where a run works and what it measures against. {@code bin/bench} uses the defaults: {@code target/bench}, a
   * dynalite of its own. Tests pass a scratch folder and their own server ({@code endpoint} and {@code table}; the
   * table is created when missing, the demo collection is put in it).
   *
   * @param endpoint null: start a dynalite (in memory) for the run
   */
  public record Setup(Path workDir, URI endpoint, String table, String commit) {
    /** System properties {@code bench.workdir}, {@code bench.endpoint}, {@code bench.table}, {@code bench.commit}. */
    public static Setup fromSystemProperties() {
      String endpoint = System.getProperty("bench.endpoint", "");
      return new Setup(
          Path.of(System.getProperty("bench.workdir",
              LocalEnvironment.projectDir().resolve("target/bench").toString())).toAbsolutePath(),
          endpoint.isBlank() ? null : URI.create(endpoint.strip()),
          System.getProperty("bench.table", LocalEnvironment.DEFAULT_TABLE_NAME),
          System.getProperty("bench.commit", "unknown"));
    }
  }

  public static void main(String[] args) {
    System.exit(run(args, Setup.fromSystemProperties(), System.out, System.err));
  }

  /** Runs the benchmark; 0 when it ran and every request made exactly one DynamoDB call, 1 otherwise, 2 usage. */
  public static int run(String[] args, Setup setup, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (options == null) {
      out.print(USAGE);
      return 0;
    }
    try {
      return new Bench.Session(options, setup, out, err).run();
    } catch (BenchFailure e) {
      err.println("bench: " + e.getMessage());
      return 1;
    } catch (IOException | RuntimeException e) {
      err.println("bench: failed: " + e);
      e.printStackTrace(err);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bench: interrupted");
      return 1;
    }
  }

  static Options parse(String[] args) {
    int runs = 10;
    int primedRuns = 5;
    int warm = 2000;
    int warmup = 1000;
    boolean quick = false;
    Boolean write = null;
    List<String> javaOpts = new ArrayList<>();
    String label = "";
    String registerEvent = "events/register-base64-form.json";
    String getEvent = "events/get-webhook.json";
    boolean runsSet = false;
    boolean primedSet = false;
    boolean warmSet = false;
    boolean warmupSet = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          return null;
        }
        case "--quick" -> quick = true;
        case "--no-write" -> write = false;
        case "--write" -> write = true;
        case "--runs" -> {
          runs = positive(arg, value(args, ++i, arg));
          runsSet = true;
        }
        case "--primed-runs" -> {
          primedRuns = positive(arg, value(args, ++i, arg));
          primedSet = true;
        }
        case "--warm" -> {
          warm = positive(arg, value(args, ++i, arg));
          warmSet = true;
        }
        case "--warmup" -> {
          warmup = Integer.parseInt(value(args, ++i, arg));
          if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more");
          }
          warmupSet = true;
        }
        case "--java-opts" -> {
          for (String opt : value(args, ++i, arg).trim().split("\\s+")) {
            if (!opt.isEmpty()) {
              javaOpts.add(opt);
            }
          }
        }
        case "--label" -> label = value(args, ++i, arg).replace('|', '/').strip();
        case "--register-event" -> registerEvent = value(args, ++i, arg);
        case "--get-event" -> getEvent = value(args, ++i, arg);
        default -> throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    if (quick) {
      runs = runsSet ? runs : 1;
      primedRuns = primedSet ? primedRuns : 1;
      warm = warmSet ? warm : 200;
      warmup = warmupSet ? warmup : 100;
    }
    return new Options(runs, primedRuns, warm, warmup, quick, write == null ? !quick : write, List.copyOf(javaOpts),
        label, registerEvent, getEvent);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static int positive(String option, String value) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value);
    }
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be 1 or more");
    }
    return n;
  }

  /** A run that did not do what it must (crashed, answered other than 200): the figures would mean nothing. */
  static final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
      super(message);
    }
  }

  /** One function under test. */
  record Function(String logicalId, String handlerClass, int memoryMb, Path event, String javaToolOptions) {}

  /** One bin/bench run. */
  static final class Session {
    private final Options options;
    private final PrintStream out;
    private final PrintStream err;
    private final Path projectDir = LocalEnvironment.projectDir();
    private final Path artifact;
    private final Path work;
    private final Path logs;
    private final Path harnessDir;
    private final List<Path> runtimeJars = new ArrayList<>();
    private final List<Run> runs = new ArrayList<>();
    private final Results results = new Results();
    private final Setup setup;

    Session(Options options, Setup setup, PrintStream out, PrintStream err) {
      this.options = options;
      this.setup = setup;
      this.out = out;
      this.err = err;
      this.artifact = projectDir.resolve("target/lambda-artifact");
      this.work = setup.workDir();
      this.logs = work.resolve("logs");
      this.harnessDir = work.resolve("harness");
    }

    int run() throws IOException, InterruptedException {
      results.options = options;
      results.started = Instant.now();
      results.loadStart = Machine.loadAverage();
      results.commit = setup.commit();

      if (!Files.isExecutable(Child.TIME)) {
        throw new BenchFailure(Child.TIME + " (GNU time) is needed for peak RSS and CPU; install it "
            + "(Debian/Ubuntu: apt-get install time)");
      }
      if (!Files.isRegularFile(artifact.resolve("com/web3crm/webhook/RegisterWebhookHandler.class"))
          && !hasJars(artifact.resolve("lib"))) {
        throw new BenchFailure(artifact + " holds no functions; build it first (mvn -DskipTests package)");
      }
      prepareWorkDir();

      TemplateRoutes template = TemplateRoutes.loadProject(projectDir);
      TemplateSettings settings = TemplateSettings.load(projectDir);
      Function register = function(template, settings, REGISTER, options.registerEvent());
      Function get = function(template, settings, GET, options.getEvent());
      results.functions = List.of(register, get);
      results.globalJavaToolOptions = settings.globalJavaToolOptions();
      results.machine = Machine.describe(javaBinary());
      results.javaOpts = jvmOptionsNote();

      progress("size of " + projectDir.relativize(artifact));
      results.size = ArtifactSize.measure(artifact);

      if (setup.endpoint() == null) {
        progress("starting dynalite (in memory)");
        try (DynaliteProcess dynalite = DynaliteProcess.start(projectDir, null)) {
          results.dynamoDb = "dynalite " + Machine.dynaliteVersion(projectDir) + " (Node " + results.machine.node()
              + "), in memory, 127.0.0.1, started by bin/bench";
          measure(LocalEnvironment.forEndpoint(dynalite.endpoint()).withTableName(setup.table()), settings,
              register, get);
        }
      } else {
        results.dynamoDb = "the server at " + setup.endpoint() + " (given by the caller)";
        measure(LocalEnvironment.forEndpoint(setup.endpoint()).withTableName(setup.table()), settings, register, get);
      }
      results.loadEnd = Machine.loadAverage();
      results.finished = Instant.now();

      writeRunsTable();
      Report report = new Report(results);
      out.print(report.text());
      out.flush();
      if (options.write()) {
        Path file = projectDir.resolve("BENCHMARKS.md");
        BenchmarksFile.update(file, report.markdownSection(), report.historyRow());
        err.println("bench: updated " + projectDir.relativize(file));
      } else {
        err.println("bench: BENCHMARKS.md left alone (" + (options.quick() ? "--quick" : "--no-write") + ")");
      }
      err.println("bench: every run: " + projectDir.relativize(work.resolve("runs.tsv")) + "; child logs: "
          + projectDir.relativize(logs));
      if (!report.everyRequestOneCall()) {
        err.println("bench: FAIL: a request made other than exactly one DynamoDB call");
        return 1;
      }
      return 0;
    }

    private void measure(LocalEnvironment local, TemplateSettings settings, Function register, Function get)
        throws IOException, InterruptedException {
      try (DynamoDbClient client = local.dynamoDbClient()) {
        LocalTable.ensure(client, local.tableName());
        LocalTable.ensureDemoCollection(client, local.tableName());
      }
      Child child = new Child(javaBinary(), childEnvironment(local, settings), work, projectDir);

      // Classes loaded: one extra, untimed run of each kind with -Xlog:class+load (the log costs time). --quick
      // counts them in its single timed round instead (its figures are a smoke test, not a measurement).
      boolean inline = options.quick();
      if (!inline) {
        progress("classes loaded (one -Xlog:class+load run each)");
        floor(child, "classes:floor", 0, "floor");
        cold(child, "classes:harness", 0, null, false, "harness");
        sdkFloor(child, "classes:sdk-floor", 0, get, "sdk-floor");
        cold(child, "classes:" + register.logicalId(), 0, register, false, register.logicalId());
        cold(child, "classes:" + get.logicalId(), 0, get, false, get.logicalId());
      }

      int firstRound = options.quick() ? 1 : 0; // round 0: uncounted, warms the page cache
      for (int round = firstRound; round <= options.runs(); round++) {
        progress("cold round " + round + "/" + options.runs() + (round == 0 ? " (uncounted)" : "") + ", load "
            + Machine.loadAverage());
        boolean count = inline && round == firstRound;
        record(floor(child, "floor", round, count ? "floor" : null), round > 0);
        record(cold(child, "harness", round, null, false, count ? "harness" : null), round > 0);
        record(sdkFloor(child, "sdk-floor", round, get, count ? "sdk-floor" : null), round > 0);
        record(cold(child, "cold:" + register.logicalId(), round, register, false,
            count ? register.logicalId() : null), round > 0);
        record(cold(child, "cold:" + get.logicalId(), round, get, false, count ? get.logicalId() : null),
            round > 0);
      }

      for (int round = 1; round <= options.primedRuns(); round++) {
        progress("primed round " + round + "/" + options.primedRuns() + ", load " + Machine.loadAverage());
        for (Function f : List.of(register, get)) {
          record(cold(child, "unprimed:" + f.logicalId(), round, f, false, null), true);
          record(cold(child, "primed:" + f.logicalId(), round, f, true, null), true);
        }
      }

      for (Function f : List.of(register, get)) {
        progress("warm " + f.logicalId() + ": " + options.warmup() + " unmeasured + " + options.warm()
            + " measured, load " + Machine.loadAverage());
        record(warm(child, f), true);
      }
      results.runs = List.copyOf(runs);
    }

    private void record(Run run, boolean counted) {
      if (counted) {
        runs.add(run);
      }
    }

    /** The floor: an empty main(). With {@code classesKey}, its loaded classes are counted under that key. */
    private Run floor(Child child, String kind, int round, String classesKey)
        throws IOException, InterruptedException {
      List<String> jvm = new ArrayList<>(options.javaOpts());
      jvm.addAll(classLog(classesKey));
      jvm.addAll(List.of("-cp", harnessDir.toString()));
      Run run = child.run(kind, round, jvm, EmptyMain.class.getName(), List.of(),
          Map.of("JAVA_TOOL_OPTIONS", results.globalJavaToolOptions), log(kind.replace(':', '-')));
      check(run, false);
      countClasses(classesKey);
      return run;
    }

    /**
     * A cold (or, with {@code prime}, primed) start of {@code f}; {@code f == null}: the no-op handler on the GET
     * event ("harness only"). With {@code classesKey}, its loaded classes are counted under that key.
     */
    private Run cold(Child child, String kind, int round, Function f, boolean prime, String classesKey)
        throws IOException, InterruptedException {
      String handler = f == null ? NoOpHandler.class.getName() : f.handlerClass();
      String name = f == null ? "NoOpFunction" : f.logicalId();
      int memory = f == null ? 1024 : f.memoryMb();
      Path event = f == null ? eventPath(options.getEvent()) : f.event();
      List<String> args = new ArrayList<>(List.of(handler, name, Integer.toString(memory), event.toString()));
      if (prime) {
        args.add("prime");
      }
      Run run = child.run(kind, round, functionJvmOptions(classLog(classesKey)), ColdStart.class.getName(), args,
          functionEnv(f), log(kind.replace(':', '-')));
      check(run, true);
      countClasses(classesKey);
      return run;
    }

    /**
     * The SDK floor: {@link SdkFloorHandler} (the functions' DynamoDB client, one plain GetItem) on {@code f}'s event
     * and environment, one fresh JVM.
     */
    private Run sdkFloor(Child child, String kind, int round, Function f, String classesKey)
        throws IOException, InterruptedException {
      List<String> args = List.of(SdkFloorHandler.class.getName(), "SdkFloorFunction",
          Integer.toString(f.memoryMb()), f.event().toString());
      Run run = child.run(kind, round, functionJvmOptions(classLog(classesKey)), ColdStart.class.getName(), args,
          functionEnv(f), log(kind.replace(':', '-')));
      check(run, true);
      countClasses(classesKey);
      return run;
    }

    private Path classLogFile(String classesKey) {
      return work.resolve("class-load-" + classesKey + ".log");
    }

    private List<String> classLog(String classesKey) throws IOException {
      if (classesKey == null) {
        return List.of();
      }
      Files.deleteIfExists(classLogFile(classesKey));
      return List.of("-Xlog:class+load=info:file=" + classLogFile(classesKey) + ":none");
    }

    private void countClasses(String classesKey) throws IOException {
      if (classesKey != null) {
        List<Path> harnessEntries = new ArrayList<>(runtimeJars);
        harnessEntries.add(harnessDir);
        results.classLoads.put(classesKey, ClassLoads.count(classLogFile(classesKey), artifact, harnessEntries));
      }
    }

    private Run warm(Child child, Function f) throws IOException, InterruptedException {
      List<String> args = List.of(f.handlerClass(), f.logicalId(), Integer.toString(f.memoryMb()),
          f.event().toString(), Integer.toString(options.warmup()), Integer.toString(options.warm()));
      Run run = child.run("warm:" + f.logicalId(), 1, functionJvmOptions(List.of()), WarmLoop.class.getName(), args,
          functionEnv(f), log("warm-" + f.logicalId()));
      check(run, true);
      if (!run.get("bad_status").equals("0")) {
        throw new BenchFailure("warm " + f.logicalId() + ": " + run.get("bad_status") + " responses were not 200 "
            + "(first: " + run.get("first_bad_status") + "); see " + log("warm-" + f.logicalId()));
      }
      return run;
    }

    private void check(Run run, boolean expectResult) {
      Path log = log(run.kind().replace(':', '-'));
      if (run.exit() != 0) {
        throw new BenchFailure(run.kind() + " exited with status " + run.exit() + "; see " + log);
      }
      if (expectResult && run.result().isEmpty()) {
        throw new BenchFailure(run.kind() + " printed no BENCH line; see " + log);
      }
      String status = run.result().get("status");
      if (status != null && !status.equals("200")) {
        throw new BenchFailure(run.kind() + " answered " + status + ", not 200; see " + log);
      }
    }

    /** JVM options of every function JVM: the org.crac implementation switch, the class path, --java-opts. */
    private List<String> functionJvmOptions(List<String> extra) {
      List<String> jvm = new ArrayList<>(options.javaOpts());
      jvm.addAll(extra);
      jvm.add("-Dorg.crac.Core.Compat=" + CRAC_COMPAT);
      jvm.add("-cp");
      jvm.add(functionClassPath());
      return jvm;
    }

    /** The harness, the runtime's serialization jar(s), then the artifact as Lambda lays it out. */
    private String functionClassPath() {
      List<String> entries = new ArrayList<>();
      entries.add(harnessDir.toString());
      runtimeJars.forEach(jar -> entries.add(jar.toString()));
      entries.add(artifact.toString());
      entries.add(artifact.resolve("lib") + File.separator + "*");
      return String.join(File.pathSeparator, entries);
    }

    private String jvmOptionsNote() {
      List<String> notes = new ArrayList<>();
      notes.add("-Dorg.crac.Core.Compat=" + CRAC_COMPAT + " (function JVMs)");
      if (!options.javaOpts().isEmpty()) {
        notes.add(String.join(" ", options.javaOpts()) + " (--java-opts, every JVM)");
      }
      return String.join("; ", notes);
    }

    private Map<String, String> functionEnv(Function f) {
      Map<String, String> env = new LinkedHashMap<>();
      if (f == null) {
        env.put("JAVA_TOOL_OPTIONS", results.globalJavaToolOptions);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "NoOpFunction");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      } else {
        env.put("JAVA_TOOL_OPTIONS", f.javaToolOptions());
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
      }
      return env;
    }

    /** What every measured JVM sees, and nothing else: Lambda's variables for the function, pointed at dynalite. */
    private Map<String, String> childEnvironment(LocalEnvironment local, TemplateSettings settings) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
      env.put("LANG", "en_US.UTF-8");
      env.put("TZ", ":UTC");
      env.putAll(local.handlerEnvironment()); // TABLE_NAME, AWS_REGION, DYNAMODB_ENDPOINT, the dummy key pair
      env.put("AWS_DEFAULT_REGION", local.region());
      String runtime = settings.globalRuntime();
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + (runtime.isEmpty() ? "java21" : runtime));
      // no profile files: as in Lambda, whatever ~/.aws holds on this machine
      env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
      results.childEnvNames = List.copyOf(new ArrayList<>(env.keySet()));
      return env;
    }

    private Function function(TemplateRoutes template, TemplateSettings settings, String id, String event) {
      TemplateRoutes.FunctionDef def =
          template.function(id).orElseThrow(() -> new BenchFailure("template.yaml has no function " + id));
      return new Function(id, def.handlerClass(), def.memorySizeMb(), eventPath(event), settings.javaToolOptions(id));
    }

    private Path eventPath(String event) {
      Path path = projectDir.resolve(event).normalize();
      if (!Files.isRegularFile(path)) {
        throw new BenchFailure("no event file " + event);
      }
      return path;
    }

    private Path javaBinary() {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private Path log(String kind) {
      return logs.resolve(kind + ".log");
    }

    private void progress(String message) {
      err.println("bench: " + message);
      err.flush();
    }

    /** target/bench: fresh logs and harness; the harness classes copied out of the test class path. */
    private void prepareWorkDir() throws IOException {
      deleteTree(logs);
      deleteTree(harnessDir);
      Files.createDirectories(logs);
      Files.createDirectories(harnessDir);
      Path classes;
      try {
        classes = Path.of(Bench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
      copyTree(classes.resolve("com/web3crm/webhook/bench/harness"),
          harnessDir.resolve("com/web3crm/webhook/bench/harness"));
      String access = BenchStoreAccess.class.getName().replace('.', '/') + ".class";
      Files.createDirectories(harnessDir.resolve(access).getParent());
      Files.copy(classes.resolve(access), harnessDir.resolve(access), StandardCopyOption.REPLACE_EXISTING);
      runtimeJars.clear();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (Path.of(entry).getFileName().toString().startsWith("aws-lambda-java-serialization-")) {
          runtimeJars.add(Path.of(entry).toAbsolutePath());
        }
      }
      if (runtimeJars.isEmpty()) {
        throw new BenchFailure("aws-lambda-java-serialization is not on the class path of bin/bench");
      }
    }

    private void writeRunsTable() throws IOException {
      StringBuilder tsv = new StringBuilder(
          "kind\tround\twall_s\tpeak_rss_mib\tcpu_s\tjvm_to_main_ms\tinit_ms\tconstruct_ms\tserializers_ms"
              + "\tinvoke_ms\tdeserialize_ms\thandle_ms\tserialize_ms\tstatus\tprime\tbefore_checkpoint_ms"
              + "\tafter_restore_ms\n");
      for (Run r : runs) {
        tsv.append(String.join("\t", r.kind(), Integer.toString(r.round()), fmt("%.4f", r.wallSeconds()),
                fmt("%.1f", r.peakRssMib()), fmt("%.2f", r.cpuSeconds()), fmt("%.1f", r.toMainMillis()),
                fmt("%.1f", r.millis("init_ns")), fmt("%.1f", r.millis("construct_ns")),
                fmt("%.1f", r.millis("serializers_ns")), fmt("%.2f", r.millis("invoke_ns")),
                fmt("%.2f", r.millis("deserialize_ns")), fmt("%.2f", r.millis("handle_ns")),
                fmt("%.2f", r.millis("serialize_ns")), r.get("status"),
                r.get("prime"), fmt("%.1f", r.millis("before_checkpoint_ns")),
                fmt("%.1f", r.millis("after_restore_ns"))))
            .append('\n');
      }
      Files.writeString(work.resolve("runs.tsv"), tsv, StandardCharsets.UTF_8);
    }
  }

  static String fmt(String format, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }

  private static boolean hasJars(Path lib) throws IOException {
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> files = Files.list(lib)) {
      return files.anyMatch(p -> p.toString().endsWith(".jar"));
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Everything one run measured, for {@link Report}. */
  static final class Results {
    Options options;
    Instant started;
    Instant finished;
    String loadStart;
    String loadEnd;
    String commit;
    List<Function> functions;
    String globalJavaToolOptions;
    String javaOpts;
    Machine machine;
    String dynamoDb;
    List<String> childEnvNames = List.of();
    ArtifactSize size;
    Map<String, ClassLoads> classLoads = new LinkedHashMap<>();
    List<Run> runs = List.of();
  }
}
