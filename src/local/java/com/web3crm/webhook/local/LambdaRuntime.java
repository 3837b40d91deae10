package com.web3crm.webhook.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs handlers the way the managed Java runtime of AWS Lambda does, minus the sandbox: loads the handler class
 * named in the template ({@code class::method}), constructs it once (the "init" phase, with the public no-arg
 * constructor, unless the caller supplies instances), picks the overload the runtime picks (the longest
 * signature: the functions' {@code (InputStream, OutputStream, Context)} entry, which gets the event bytes as they
 * are), and for a typed handler deserializes the event JSON with the runtime's own serializers
 * ({@code aws-lambda-java-serialization}: {@link LambdaEventSerializers} for event types, its Jackson factory for
 * other POJOs), calls the method with a {@link LocalContext}, and serializes the result to JSON.
 *
 * <ul>
 *   <li>One instance per function, reused by every invocation (a warm execution environment). Unlike Lambda,
 *       concurrent invocations share it, so handlers must be thread-safe (stateless handlers are).
 *   <li>Supported signatures: {@code (Event, Context)}, {@code (Event)}, {@code (InputStream, OutputStream,
 *       Context)} and {@code (InputStream, OutputStream)}: what the runtime supports for Java handlers.
 *   <li>A failure (init error, exception from the handler, undeserializable event, timeout) gives
 *       {@link Invocation#failed()} and Lambda's error payload {@code {"errorMessage", "errorType",
 *       "stackTrace"}}; the stack trace also goes to the log stream, as it would go to CloudWatch.
 *   <li>Timeout: the function's {@code Timeout} from the template. When it passes, the invocation fails with
 *       Lambda's "Task timed out" message and the instance is discarded (re-initialized on the next call); the
 *       thread is interrupted but, unlike a frozen sandbox, may keep running.
 * </ul>
 */
public final class LambdaRuntime implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The result of one invocation: the response JSON, or Lambda's error JSON when {@code failed}. */
  public record Invocation(String requestId, boolean failed, byte[] payload, Duration duration) {
    public String payloadText() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private final Function<String, Object> handlerFactory;
  private final String region;
  private final PrintStream log;
  private final ClassLoader classLoader;
  private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
  private final Map<Class<?>, PojoSerializer<Object>> serializers = new ConcurrentHashMap<>();
  private final ExecutorService executor;

  /**
   * @param handlerFactory handler class name → instance; {@link #noArgConstructors()} is what Lambda does
   * @param region the region the context reports (in the function ARN)
   * @param log where the functions' {@code LambdaLogger} lines and error stack traces go
   */
  public LambdaRuntime(Function<String, Object> handlerFactory, String region, PrintStream log) {
    this.handlerFactory = Objects.requireNonNull(handlerFactory, "handlerFactory");
    this.region = Objects.requireNonNull(region, "region");
    this.log = Objects.requireNonNull(log, "log");
    this.classLoader = LambdaRuntime.class.getClassLoader();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "lambda-invoke-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Lambda's way: load the class by name and call its public no-arg constructor. */
  public static Function<String, Object> noArgConstructors() {
    ClassLoader loader = LambdaRuntime.class.getClassLoader();
    return className -> {
      try {
        return Class.forName(className, true, loader).getConstructor().newInstance();
      } catch (InvocationTargetException e) {
        throw new HandlerInitException(
            "the constructor of " + className + " threw " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException | LinkageError e) {
        throw new HandlerInitException(
            "cannot instantiate " + className + " (Lambda needs a public class with a public no-arg constructor): "
                + e,
            e);
      }
    };
  }

  /** Thrown by handler factories when a handler cannot be constructed (Lambda's init error). */
  public static final class HandlerInitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HandlerInitException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Runs the init phase of {@code function} now unless it already ran (its instance is kept).
   *
   * @throws HandlerInitException (or what the factory threw) when it fails
   */
  public void initialize(TemplateRoutes.FunctionDef function) {
    handler(function);
  }

  /** Invokes {@code function} with {@code eventJson} and a fresh request id. */
  public Invocation invoke(TemplateRoutes.FunctionDef function, byte[] eventJson) {
    return invoke(function, eventJson, UUID.randomUUID().toString());
  }

  /** Invokes {@code function} with {@code eventJson}; never throws for anything the function does. */
  public Invocation invoke(TemplateRoutes.FunctionDef function, byte[] eventJson, String requestId) {
    long start = System.nanoTime();
    Duration timeout = Duration.ofSeconds(Math.max(1, function.timeoutSeconds()));
    Handler handler;
    try {
      handler = handler(function);
    } catch (RuntimeException | LinkageError e) {
      Throwable cause = e instanceof HandlerInitException && e.getCause() != null ? e.getCause() : e;
      logFailure(requestId, "init of " + function.logicalId() + " failed", e);
      return new Invocation(requestId, true, errorPayload(cause), elapsed(start));
    }
    LocalContext context =
        new LocalContext(requestId, function.logicalId(), region, timeout, function.memorySizeMb(), log);
    Future<byte[]> future = executor.submit(() -> call(handler, eventJson, context));
    try {
      byte[] payload = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Invocation(requestId, false, payload, elapsed(start));
    } catch (TimeoutException e) {
      future.cancel(true);
      handlers.remove(function.logicalId(), handler); // Lambda resets the execution environment after a timeout
      String message =
          Instant.now() + " " + requestId + " Task timed out after "
              + String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0) + " seconds";
      log.println(message);
      ObjectNode error = JSON.createObjectNode().put("errorMessage", message);
      return new Invocation(requestId, true, bytes(error), elapsed(start));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
      logFailure(requestId, function.logicalId() + " failed", cause);
      return new Invocation(requestId, true, errorPayload(cause), elapsed(start));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Invocation(requestId, true, errorPayload(e), elapsed(start));
    }
  }

  /** Stops the invocation threads (running invocations are interrupted). */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private Handler handler(TemplateRoutes.FunctionDef function) {
    Handler existing = handlers.get(function.logicalId());
    if (existing != null) {
      return existing;
    }
    synchronized (handlers) { // one init at a time, and never twice for one function
      return handlers.computeIfAbsent(function.logicalId(), id -> createHandler(function));
    }
  }

  private Handler createHandler(TemplateRoutes.FunctionDef function) {
    Object instance = handlerFactory.apply(function.handlerClass());
    if (instance == null) {
      throw new HandlerInitException("the handler factory returned null for " + function.handlerClass(), null);
    }
    Method method = resolveMethod(instance.getClass(), function.handlerMethod());
    method.setAccessible(true);
    return new Handler(instance, method);
  }

  /** Like the runtime: a public method with that name and a supported signature, the most specific first. */
  static Method resolveMethod(Class<?> type, String name) {
    return java.util.Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
        .filter(LambdaRuntime::supportedSignature)
        .max(Comparator.comparingInt((Method m) -> m.getParameterCount()))
        .orElseThrow(
            () ->
                new HandlerInitException(
                    "no public method " + name + " with a Lambda handler signature in " + type.getName(), null));
  }

  private static boolean supportedSignature(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return switch (p.length) {
      case 1 -> true;
      case 2 -> p[1] == Context.class || (p[0] == InputStream.class && p[1] == OutputStream.class);
      case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
      default -> false;
    };
  }

  private byte[] call(Handler handler, byte[] eventJson, Context context) throws Exception {
    Thread.currentThread().setContextClassLoader(classLoader);
    Method method = handler.method();
    Class<?>[] parameters = method.getParameterTypes();
    if (parameters.length >= 2 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Object[] args =
          parameters.length == 3
              ? new Object[] {new ByteArrayInputStream(eventJson), out, context}
              : new Object[] {new ByteArrayInputStream(eventJson), out};
      method.invoke(handler.instance(), args);
      return out.toByteArray();
    }
    Object input = serializer(parameters[0]).fromJson(new ByteArrayInputStream(eventJson));
    Object output =
        parameters.length == 2
            ? method.invoke(handler.instance(), input, context)
            : method.invoke(handler.instance(), input);
    Class<?> outputType =
        method.getReturnType() == Object.class && output != null ? output.getClass() : method.getReturnType();
    if (outputType == void.class || outputType == Void.class || output == null) {
      return "null".getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer(outputType).toJson(output, out);
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  private PojoSerializer<Object> serializer(Class<?> type) {
    return serializers.computeIfAbsent(
        type,
        t ->
            LambdaEventSerializers.isLambdaSupportedEvent(t.getName())
                ? (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(t, classLoader)
                : (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(t));
  }

  private void logFailure(String requestId, String what, Throwable error) {
    synchronized (log) {
      log.println("[" + requestId + "] " + what + ":");
      error.printStackTrace(log);
      log.flush();
    }
  }

  /** Lambda's error payload for an exception: errorMessage, errorType, stackTrace. */
  static byte[] errorPayload(Throwable error) {
    ObjectNode node = JSON.createObjectNode();
    node.put("errorMessage", String.valueOf(error.getMessage()));
    node.put("errorType", error.getClass().getName());
    ArrayNode trace = node.putArray("stackTrace");
    for (StackTraceElement element : error.getStackTrace()) {
      trace.add(element.toString());
    }
    return bytes(node);
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private record Handler(Object instance, Method method) {}
}
