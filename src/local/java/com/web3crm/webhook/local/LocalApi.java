package com.web3crm.webhook.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.web3crm.webhook.local.ApiGatewayEventMapper.Header;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpRequest;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpResponse;
import com.web3crm.webhook.local.ApiGatewayEventMapper.MalformedResponseException;
import com.web3crm.webhook.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Docker-free {@code sam local start-api}: serves the API routes of template.yaml on
 * {@code http://127.0.0.1:PORT}, turning each HTTP request into the API Gateway REST (v1 proxy) event, running
 * the function through {@link LambdaRuntime} and turning its response back into HTTP
 * ({@link ApiGatewayEventMapper} has the details of both conversions).
 *
 * <p>Beyond the routes:
 *
 * <ul>
 *   <li>{@code GET /openapi.yaml}: the project's OpenAPI document as it is on disk ({@code application/yaml});
 *       {@code GET /docs}: a readable HTML page of it ({@link DocsPage}), rendered on each request, so edits show
 *       without a restart. Both are local only (the deployed API has no such routes); template routes win should
 *       the template ever define the same paths.
 *   <li>an unknown path → {@code 404 {"status":false,"message":"not found"}}; a known path with another method →
 *       {@code 405 {"status":false,"message":"method not allowed"}} with an {@code Allow} header. (The deployed
 *       API answers both with 403 "Missing Authentication Token".)
 *   <li>a body over 10 MB (API Gateway's limit) → {@code 413 {"message":"Request Too Long"}}.
 *   <li>a function error, timeout or invalid proxy response → {@code 502 {"message": "Internal server error"}},
 *       like API Gateway; the reason goes to stderr.
 *   <li>one access-log line per request on the log stream: time, method, path (no query), status, duration.
 *       Never headers or bodies.
 *   <li>request bodies are passed as API Gateway passes them: base64-encoded when their Content-Type matches
 *       the API's {@code BinaryMediaTypes} in template.yaml, else as text ({@link ApiGatewayEventMapper}).
 *   <li>known deviations from the deployed API: request header names arrive with a reconstructed casing (the
 *       JDK server normalizes them, see {@link #likelyOriginalCase}); the JDK server answers a few requests itself
 *       before any route runs — a path starting with {@code //} gets its HTML 404, and a request with more than
 *       200 header lines or about 380 KiB of headers has its connection closed without an answer; Lambda's 6 MB
 *       invocation payload limit is not enforced; no stage prefix in the URL.
 * </ul>
 *
 * <p><b>Two ways to start it.</b> {@link #main} (what bin/local-api runs) constructs each handler with its public
 * no-arg constructor, exactly as Lambda does, so a local run goes through the production init path; those
 * constructors read {@code TABLE_NAME}, {@code AWS_REGION}, {@code DYNAMODB_ENDPOINT} and the credentials from the
 * process environment, which bin/local-api sets. A test cannot set environment variables of its own JVM, so
 * {@link #start(int, TemplateRoutes, Function)} takes a factory instead (handler class name → instance), e.g.
 *
 * <pre>{@code
 * CollectionStore store = new CollectionStore(client, tableName);
 * try (LocalApi api = LocalApi.start(0, TemplateRoutes.loadProject(projectDir), className -> switch (className) {
 *       case "com.web3crm.webhook.RegisterWebhookHandler" -> new RegisterWebhookHandler(store, Clock.systemUTC());
 *       case "com.web3crm.webhook.GetWebhookHandler" -> new GetWebhookHandler(store);
 *       default -> throw new IllegalArgumentException(className);
 *     })) {
 *   HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.baseUri().resolve("/crm_get_webhook"))...);
 * }
 * }</pre>
 *
 * Port 0 picks a free port ({@link #port()}). Every handler is instantiated at start (so a broken init fails
 * there, not at the first request) and reused for every request, like a warm Lambda; concurrent requests share the
 * instance.
 */
public final class LocalApi implements AutoCloseable {
  public static final int DEFAULT_PORT = 3000;
  /** API Gateway's payload limit. */
  public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
  /** A larger body is read and discarded up to this size before the 413, so that clients get to read it. */
  static final long DRAIN_LIMIT = 64L * 1024 * 1024;
  static final String JSON_TYPE = "application/json; charset=utf-8";
  /** The local-only documentation routes: path → what it serves. */
  static final String OPENAPI_PATH = "/openapi.yaml";
  static final String DOCS_PATH = "/docs";
  static final String YAML_TYPE = "application/yaml; charset=utf-8";
  static final String HTML_TYPE = "text/html; charset=utf-8";
  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final LambdaRuntime runtime;
  private final TemplateRoutes routes;
  private final PrintStream log;
  private final Path openApiFile;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private LocalApi(HttpServer server, ExecutorService executor, LambdaRuntime runtime, TemplateRoutes routes,
      PrintStream log, Path openApiFile) {
    this.server = server;
    this.executor = executor;
    this.runtime = runtime;
    this.routes = routes;
    this.log = log;
    this.openApiFile = openApiFile;
  }

  /**
   * Serves {@code routes} on {@code 127.0.0.1:port} (0: a free port) with handlers from {@code handlerFactory}
   * (class name → instance), logging to stdout, region {@value LocalEnvironment#DEFAULT_REGION} in the context.
   */
  public static LocalApi start(int port, TemplateRoutes routes, Function<String, Object> handlerFactory)
      throws IOException {
    return start(port, routes, handlerFactory, LocalEnvironment.DEFAULT_REGION, System.out);
  }

  /**
   * Serves {@code routes} on {@code 127.0.0.1:port} (0: a free port).
   *
   * @param handlerFactory handler class name → instance; {@link LambdaRuntime#noArgConstructors()} for Lambda's way
   * @param region the region the functions' context reports
   * @param log where access-log lines and the functions' log lines go
   * @throws BindException when the port is in use
   * @throws LambdaRuntime.HandlerInitException (or what the factory threw) when a handler cannot be constructed
   */
  public static LocalApi start(
      int port, TemplateRoutes routes, Function<String, Object> handlerFactory, String region, PrintStream log)
      throws IOException {
    return start(port, routes, handlerFactory, region, log,
        LocalEnvironment.projectDir().resolve(OpenApiDocument.FILE_NAME));
  }

  /**
   * Like {@link #start(int, TemplateRoutes, Function, String, PrintStream)}, serving {@code openApiFile} at
   * {@value #OPENAPI_PATH} and its page at {@value #DOCS_PATH} (read on each request).
   */
  public static LocalApi start(int port, TemplateRoutes routes, Function<String, Object> handlerFactory,
      String region, PrintStream log, Path openApiFile) throws IOException {
    LambdaRuntime runtime = new LambdaRuntime(handlerFactory, region, log);
    try {
      for (TemplateRoutes.Route route : routes.routes()) {
        runtime.initialize(routes.function(route.functionLogicalId()).orElseThrow());
      }
    } catch (RuntimeException | LinkageError e) {
      runtime.close();
      throw e;
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      runtime.close();
      throw e;
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread thread = new Thread(task, "local-api-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    LocalApi api = new LocalApi(server, executor, runtime, routes, log, openApiFile);
    server.createContext("/", api::handle);
    server.setExecutor(executor);
    server.start();
    return api;
  }

  /** {@code http://127.0.0.1:PORT} (no trailing slash). */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public TemplateRoutes routes() {
    return routes;
  }

  /** Stops accepting requests, lets running ones finish (at most 1 s), stops the threads. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.stop(1);
    executor.shutdownNow();
    runtime.close();
    stopped.countDown();
  }

  /** Blocks until {@link #close()} has run. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private void handle(HttpExchange exchange) {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    try {
      HttpResponse response;
      try {
        response = respond(exchange, method, rawPath == null ? "/" : rawPath);
      } catch (RuntimeException e) {
        synchronized (log) {
          System.err.println("local-api: unexpected error handling " + method + " " + rawPath + ":");
          e.printStackTrace(System.err);
        }
        response = apiGatewayError(500, "Internal server error");
      }
      // logged before sending, so that the line is there when the client has the answer
      accessLog(method, rawPath, String.valueOf(response.status()), start);
      send(exchange, method, response);
    } catch (IOException e) {
      accessLog(method, rawPath, "- (" + e.getClass().getSimpleName() + ")", start);
    } finally {
      exchange.close();
    }
  }

  /** One line per request: time, method, path (never the query), status, duration. Never headers or bodies. */
  private void accessLog(String method, String rawPath, String status, long startNanos) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000L;
    log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + method + " " + rawPath + " " + status + " " + ms
        + " ms");
  }

  private HttpResponse respond(HttpExchange exchange, String method, String rawPath) throws IOException {
    var match = routes.find(method, rawPath);
    if (match.isEmpty()) {
      Set<String> allowed = routes.methodsFor(rawPath);
      if (allowed.isEmpty() && (rawPath.equals(OPENAPI_PATH) || rawPath.equals(DOCS_PATH))) {
        return documentation(method, rawPath);
      }
      if (allowed.isEmpty()) {
        return local(404, "not found", List.of());
      }
      return local(405, "method not allowed", List.of(new Header("Allow", String.join(", ", allowed))));
    }

    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && declared.strip().matches("\\d{1,18}") && Long.parseLong(declared.strip()) > DRAIN_LIMIT) {
      return tooLong(true);
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        // read the rest (up to a limit) so that the client, still sending, gets to read the 413
        return tooLong(!drain(in, DRAIN_LIMIT - body.length));
      }
    }

    List<Header> headers = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : exchange.getRequestHeaders().entrySet()) {
      for (String value : entry.getValue()) {
        headers.add(new Header(likelyOriginalCase(entry.getKey()), value));
      }
    }
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    HttpRequest request = new HttpRequest(method, rawPath, exchange.getRequestURI().getRawQuery(), headers, body,
        sourceIp, exchange.getProtocol());
    Map<String, String> pathParameters = new LinkedHashMap<>();
    match.get().pathParameters().forEach((k, v) -> pathParameters.put(k, ApiGatewayEventMapper.decodePathSegment(v)));

    TemplateRoutes.Route route = match.get().route();
    TemplateRoutes.FunctionDef function = routes.function(route.functionLogicalId()).orElseThrow();
    String apiRequestId = UUID.randomUUID().toString();
    byte[] event = ApiGatewayEventMapper.toEventJson(request, route.path(), pathParameters,
        routes.binaryMediaTypes(route), apiRequestId, Instant.now());

    LambdaRuntime.Invocation invocation = runtime.invoke(function, event);
    HttpResponse response;
    if (invocation.failed()) {
      System.err.println("local-api: " + function.logicalId() + " failed (request " + invocation.requestId()
          + "); API Gateway answers 502");
      response = apiGatewayError(502, "Internal server error");
    } else {
      try {
        response = ApiGatewayEventMapper.toHttpResponse(invocation.payload());
      } catch (MalformedResponseException e) {
        System.err.println("local-api: malformed Lambda proxy response from " + function.logicalId() + " ("
            + e.getMessage() + "); API Gateway answers 502");
        response = apiGatewayError(502, "Internal server error");
      }
    }
    List<Header> withId = new ArrayList<>(response.headers());
    withId.add(new Header("x-amzn-RequestId", apiRequestId));
    return new HttpResponse(response.status(), withId, response.body());
  }

  /**
   * The JDK's HTTP server hands header names over normalized (first letter upper case, the rest lower case:
   * {@code Content-type}, {@code Api_key}); the original casing is lost. This restores what HTTP/1.1 clients such
   * as curl and browsers send for the headers this API sees: names with an underscore in lower case
   * ({@code api_key}), others capitalized per hyphen-separated word ({@code Content-Type},
   * {@code X-Forwarded-For}). A client sending other casings ({@code API_KEY}) is not reproduced exactly; header
   * lookups are case-insensitive by contract, so handlers must not care.
   */
  static String likelyOriginalCase(String normalized) {
    if (normalized.indexOf('_') >= 0) {
      return normalized.toLowerCase(Locale.ROOT);
    }
    StringBuilder out = new StringBuilder(normalized.length());
    boolean upper = true;
    for (char c : normalized.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }

  private static HttpResponse tooLong(boolean bodyLeftUnread) {
    HttpResponse response = apiGatewayError(413, "Request Too Long");
    if (!bodyLeftUnread) {
      return response;
    }
    List<Header> headers = new ArrayList<>(response.headers());
    headers.add(new Header("Connection", "close"));
    return new HttpResponse(413, headers, response.body());
  }

  /** Reads and discards {@code in} to its end; false when more than {@code limit} bytes remain. */
  private static boolean drain(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      total += n;
      if (total > limit) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@value #OPENAPI_PATH} (the file as it is) or {@value #DOCS_PATH} (its HTML page), for GET and HEAD; 405 for
   * other methods. A missing file is a 404, a document that cannot be parsed a 500 saying why (as text), so that
   * whoever edits openapi.yaml sees the problem on the page.
   */
  private HttpResponse documentation(String method, String rawPath) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return local(405, "method not allowed", List.of(new Header("Allow", "GET, HEAD")));
    }
    byte[] yaml;
    try {
      yaml = java.nio.file.Files.readAllBytes(openApiFile);
    } catch (IOException e) {
      System.err.println("local-api: cannot read " + openApiFile + ": " + e);
      return local(404, "not found", List.of());
    }
    if (rawPath.equals(OPENAPI_PATH)) {
      return new HttpResponse(200, List.of(new Header("Content-Type", YAML_TYPE), new Header("Cache-Control",
          "no-cache")), yaml);
    }
    String page;
    try {
      page = DocsPage.render(OpenApiDocument.parse(new String(yaml, StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      return new HttpResponse(500, List.of(new Header("Content-Type", "text/plain; charset=utf-8")),
          (openApiFile.getFileName() + " cannot be shown: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return new HttpResponse(200, List.of(new Header("Content-Type", HTML_TYPE), new Header("Cache-Control",
        "no-cache")), page.getBytes(StandardCharsets.UTF_8));
  }

  /** The local server's own answers (404, 405). */
  private static HttpResponse local(int status, String message, List<Header> extra) {
    List<Header> headers = new ArrayList<>(extra);
    headers.add(new Header("Content-Type", JSON_TYPE));
    headers.add(new Header("Cache-Control", "no-store"));
    return new HttpResponse(
        status, headers, ("{\"status\":false,\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** API Gateway's own error shape. */
  private static HttpResponse apiGatewayError(int status, String message) {
    return new HttpResponse(
        status,
        List.of(new Header("Content-Type", "application/json")),
        ("{\"message\": \"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private static final Set<String> SKIPPED_RESPONSE_HEADERS =
      Set.of("content-length", "transfer-encoding", "date");

  private static void send(HttpExchange exchange, String method, HttpResponse response) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    for (Header header : response.headers()) {
      if (!SKIPPED_RESPONSE_HEADERS.contains(header.name().toLowerCase(Locale.ROOT))) {
        headers.add(header.name(), header.value());
      }
    }
    byte[] body = response.body();
    boolean noBody =
        method.equals("HEAD") || body.length == 0 || response.status() == 204 || response.status() == 304;
    // the JDK server: -1 = no body, 0 = chunked
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ main

  /**
   * {@code LocalApi [--port N] [--setup]}: serves template.yaml's routes until Ctrl-C (SIGINT/SIGTERM).
   *
   * <p>Port: {@code --port}, else env {@code PORT}, else {@value #DEFAULT_PORT}. {@code --setup} first creates the
   * table and the demo collection (as {@link LocalSetup} does). {@code --exit-with-parent} stops the server when
   * the parent process (bin/local-api) disappears, even if it was killed with SIGKILL. Needs {@code TABLE_NAME}, {@code AWS_REGION},
   * {@code DYNAMODB_ENDPOINT}, {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} in the environment:
   * the handlers read them there (bin/local-api sets them). The project directory is system property
   * {@code project.basedir}, else the working directory.
   */
  public static void main(String[] args) {
    int port;
    boolean setup = false;
    boolean exitWithParent = false;
    try {
      Integer portArg = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("--port needs a value");
            }
            portArg = parsePort(args[++i], "--port");
          }
          case "--setup" -> setup = true;
          case "--exit-with-parent" -> exitWithParent = true;
          case "-h", "--help" -> {
            System.out.println("usage: LocalApi [--port N] [--setup] [--exit-with-parent]   (env: PORT, TABLE_NAME, AWS_REGION, "
                + "DYNAMODB_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)");
            return;
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      String portEnv = System.getenv("PORT");
      port = portArg != null ? portArg
          : portEnv != null && !portEnv.isBlank() ? parsePort(portEnv.strip(), "PORT") : DEFAULT_PORT;
    } catch (IllegalArgumentException e) {
      System.err.println("local-api: " + e.getMessage() + "\nusage: LocalApi [--port N] [--setup]");
      System.exit(2);
      return;
    }

    List<String> missing = new ArrayList<>();
    for (String name : List.of(StoreConfig.TABLE_NAME, StoreConfig.AWS_REGION, StoreConfig.DYNAMODB_ENDPOINT,
        LocalEnvironment.AWS_ACCESS_KEY_ID, LocalEnvironment.AWS_SECRET_ACCESS_KEY)) {
      String value = System.getenv(name);
      if (value == null || value.isBlank()) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("local-api: environment variable(s) " + String.join(", ", missing) + " not set. The "
          + "handlers read them from the environment; run bin/local-api, which sets them (DYNAMODB_ENDPOINT is "
          + "required so that a local run never reaches AWS by accident).");
      System.exit(2);
      return;
    }
    LocalEnvironment env = LocalEnvironment.fromSystem();
    Path projectDir = LocalEnvironment.projectDir();

    LocalApi api;
    TemplateRoutes routes;
    boolean demo;
    try {
      routes = TemplateRoutes.loadProject(projectDir);
      demo = setup ? LocalSetup.run(env, System.err) : false;
      api = start(port, routes, LambdaRuntime.noArgConstructors(), env.region(), System.out,
          projectDir.resolve(OpenApiDocument.FILE_NAME));
    } catch (BindException e) {
      System.err.println("local-api: port " + port + " on 127.0.0.1 is already in use (" + e.getMessage()
          + "); choose another one, e.g. PORT=" + (port + 1) + " bin/local-api");
      System.exit(1);
      return;
    } catch (Exception | LinkageError e) {
      System.err.println("local-api: cannot start: " + e);
      if (e.getCause() != null) {
        System.err.println("  caused by: " + e.getCause());
      }
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      api.close();
      System.out.println("local-api: stopped");
      System.out.flush();
    }, "local-api-shutdown"));
    if (exitWithParent) {
      exitWithParent();
    }
    System.out.print(banner(api, routes, env, demo));
    System.out.flush();
    try {
      api.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Exits (running the shutdown hooks) once the parent process is gone: bin/local-api starts this JVM in the
   * background, and if the script itself is killed with SIGKILL no trap can stop the JVM.
   */
  private static void exitWithParent() {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    if (parent.isEmpty()) {
      return;
    }
    long parentPid = parent.get().pid();
    Thread watcher = new Thread(() -> {
      while (true) {
        Optional<ProcessHandle> now = ProcessHandle.current().parent();
        if (now.isEmpty() || now.get().pid() != parentPid || !now.get().isAlive()) {
          System.err.println("local-api: parent process " + parentPid + " is gone; stopping");
          System.exit(0);
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "local-api-parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  static String banner(LocalApi api, TemplateRoutes routes, LocalEnvironment env, boolean demo) {
    String base = api.baseUri().toString();
    StringBuilder out = new StringBuilder();
    out.append("\nLocal API (API Gateway REST v1 proxy events, routes from template.yaml) on ").append(base)
        .append('\n');
    for (TemplateRoutes.Route route : routes.routes()) {
      TemplateRoutes.FunctionDef function = routes.function(route.functionLogicalId()).orElseThrow();
      out.append(String.format("  %-6s %s%s  ->  %s (%s)%n", route.method(), base, route.path(),
          function.logicalId(), function.handler()));
    }
    out.append("Docs (local only): ").append(base).append(DOCS_PATH).append("  (OpenAPI: ").append(base)
        .append(OPENAPI_PATH).append(")\n");
    out.append("DynamoDB: ").append(env.endpoint().map(URI::toString).orElse("?")).append(", table ")
        .append(env.tableName()).append('\n');
    if (demo) {
      String auth = "-H 'api_key: " + LocalTable.DEMO_API_KEY + "' -H 'api_secret: " + LocalTable.DEMO_API_SECRET
          + "'";
      out.append("\nLocal demo collection (exists only in your local data):\n")
          .append("  api_key:    ").append(LocalTable.DEMO_API_KEY).append('\n')
          .append("  api_secret: ").append(LocalTable.DEMO_API_SECRET).append('\n')
          .append("\nTry:\n");
      for (TemplateRoutes.Route route : routes.routes()) {
        String url = base + route.path();
        switch (route.method()) {
          case "GET" -> out.append("  curl -s ").append(auth).append(' ').append(url).append('\n');
          case "POST", "PUT", "PATCH" -> out.append("  curl -s ").append(auth).append(' ').append(url)
              .append(" --data-urlencode 'webhook=https://hooks.example.com/crm'\n");
          default -> out.append("  curl -s -X ").append(route.method()).append(' ').append(auth).append(' ')
              .append(url).append('\n');
        }
      }
    }
    out.append("\nCtrl-C to stop.\n\n");
    return out.toString();
  }

  private static int parsePort(String value, String what) {
    if (!value.matches("\\d{1,5}") || Integer.parseInt(value) > 65535) {
      throw new IllegalArgumentException(what + " must be a port number 0..65535, got " + value);
    }
    return Integer.parseInt(value);
  }
}
