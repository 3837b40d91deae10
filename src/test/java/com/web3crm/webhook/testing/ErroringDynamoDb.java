package com.web3crm.webhook.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake DynamoDB endpoint on loopback that answers the first {@code n} attempts of every call with one DynamoDB
 * error, the way DynamoDB's JSON 1.0 protocol sends it: the HTTP status, {@code Content-Type:
 * application/x-amz-json-1.0}, a body {@code {"__type":"<namespace>#<Code>","message":"..."}} and, unless told
 * otherwise, the header {@code x-amzn-ErrorType: <Code>} (the SDK reads the header first, then {@code __type}). Later
 * attempts are forwarded to a real DynamoDB-compatible server, when one is given.
 *
 * <p>Attempts of one call are told apart by the SDK's {@code amz-sdk-invocation-id} header, which all retries of a
 * call share. The server counts the attempts it saw per operation ({@code X-Amz-Target}).
 */
public final class ErroringDynamoDb implements AutoCloseable {
  /** One DynamoDB error answer. {@code type} is the full {@code __type}, e.g. {@code com.amazonaws.dynamodb.v20120810#ThrottlingException}. */
  public record ErrorAnswer(int status, String type, boolean typeHeader) {
    public String code() {
      return type.substring(type.indexOf('#') + 1);
    }
  }

  private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final ErrorAnswer error;
  private final int errorsPerCall;
  private final URI forwardTo;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "erroring-dynamodb");
    t.setDaemon(true);
    return t;
  });
  private final HttpClient forwarder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, AtomicInteger> attemptsByCall = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> attemptsByOperation = new ConcurrentHashMap<>();
  private final AtomicInteger errorsAnswered = new AtomicInteger();

  private ErroringDynamoDb(ErrorAnswer error, int errorsPerCall, URI forwardTo) throws IOException {
    this.error = error;
    this.errorsPerCall = errorsPerCall;
    this.forwardTo = forwardTo;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.createContext("/", this::answer);
    server.setExecutor(threads);
    server.start();
  }

  /** Answers every attempt with {@code error}. */
  public static ErroringDynamoDb always(ErrorAnswer error) throws IOException {
    return new ErroringDynamoDb(error, Integer.MAX_VALUE, null);
  }

  /** Answers the first {@code errorsPerCall} attempts of each call with {@code error}, forwards the rest to {@code store}. */
  public static ErroringDynamoDb thenForward(ErrorAnswer error, int errorsPerCall, URI store) throws IOException {
    return new ErroringDynamoDb(error, errorsPerCall, store);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Attempts seen for an operation ({@code GetItem}, {@code UpdateItem}), errors and forwarded alike. */
  public int attempts(String operation) {
    AtomicInteger count = attemptsByOperation.get(operation);
    return count == null ? 0 : count.get();
  }

  public int errorsAnswered() {
    return errorsAnswered.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target == null ? "(no X-Amz-Target)" : target.substring(target.indexOf('.') + 1);
      attemptsByOperation.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      String call = exchange.getRequestHeaders().getFirst("amz-sdk-invocation-id");
      int attempt = call == null ? 1 : attemptsByCall.computeIfAbsent(call, k -> new AtomicInteger()).incrementAndGet();
      if (forwardTo == null || attempt <= errorsPerCall) {
        sendError(exchange);
      } else {
        forward(exchange, body);
      }
    }
  }

  private void sendError(HttpExchange exchange) throws IOException {
    errorsAnswered.incrementAndGet();
    byte[] bytes = ("{\"__type\":\"" + error.type() + "\",\"message\":\"answered by ErroringDynamoDb\"}")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
    exchange.getResponseHeaders().add("x-amzn-RequestId", "ERRORING" + errorsAnswered.get());
    if (error.typeHeader()) {
      exchange.getResponseHeaders().add("x-amzn-ErrorType", error.code());
    }
    exchange.sendResponseHeaders(error.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private void forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(forwardTo.resolve(exchange.getRequestURI()))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response;
    try {
      response = forwarder.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
    response.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("transfer-encoding")
          && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, List.copyOf(values));
      }
    });
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    forwarder.close();
  }
}
