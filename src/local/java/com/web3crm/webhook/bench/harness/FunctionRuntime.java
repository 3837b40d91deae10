package com.web3crm.webhook.bench.harness;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;

/**
 * What the managed Java runtime (aws-lambda-java-runtime-interface-client) does with a handler, and nothing more.
 * A {@link RequestStreamHandler} (the functions) gets the event bytes and writes the response bytes, as the runtime
 * calls it. For a {@link RequestHandler} (the "harness only" no-op handler): load the handler class and call its public no-arg constructor (the init phase), find the event and
 * response types of its {@code handleRequest}, get their serializers from {@code aws-lambda-java-serialization}'s
 * {@link LambdaEventSerializers}, then per invocation: deserialize the event bytes, call
 * {@code handleRequest}, serialize the response to bytes.
 *
 * <p>Kept small on purpose (no lambdas, streams, regex or formatting), so that the "harness only" row measures the
 * runtime's serialization work and not this class. Not thread-safe; one invocation at a time, as in Lambda.
 */
final class FunctionRuntime {
  final Object instance;
  private final RequestStreamHandler stream;
  private final RequestHandler<Object, Object> handler;
  private final PojoSerializer<Object> input;
  private final PojoSerializer<Object> output;
  /** Nanoseconds: class load + static init + constructor; then serializer lookup (0 when not constructed here). */
  final long constructNanos;
  final long serializersNanos;
  // phases of the last invocation, nanoseconds
  long lastDeserializeNanos;
  long lastHandleNanos;
  long lastSerializeNanos;
  int lastStatus;

  private FunctionRuntime(Object instance, long constructNanos) {
    long start = System.nanoTime();
    this.instance = instance;
    if (instance instanceof RequestStreamHandler s) {
      // the runtime's choice too: a stream handler gets the event bytes, and no serializer is looked up
      this.stream = s;
      this.handler = null;
      this.input = null;
      this.output = null;
    } else {
      this.stream = null;
      this.handler = asRequestHandler(instance);
      Method method = handleRequest(instance.getClass());
      ClassLoader loader = instance.getClass().getClassLoader();
      this.input = serializer(method.getParameterTypes()[0], loader);
      this.output = serializer(method.getReturnType(), loader);
    }
    this.constructNanos = constructNanos;
    this.serializersNanos = System.nanoTime() - start;
  }

  /** The init phase as Lambda runs it: the class by name, its public no-arg constructor. */
  static FunctionRuntime load(String handlerClass) throws ReflectiveOperationException {
    long start = System.nanoTime();
    Class<?> type = Class.forName(handlerClass, true, FunctionRuntime.class.getClassLoader());
    Object instance = type.getConstructor().newInstance();
    return new FunctionRuntime(instance, System.nanoTime() - start);
  }

  /** A handler the caller constructed (the warm run, whose client counts DynamoDB calls). */
  static FunctionRuntime of(Object instance) {
    return new FunctionRuntime(instance, 0);
  }

  /** One invocation, bytes to bytes. */
  byte[] invoke(byte[] event, Context context) {
    if (stream != null) {
      return invokeStream(event, context);
    }
    long t0 = System.nanoTime();
    Object request = input.fromJson(new ByteArrayInputStream(event));
    long t1 = System.nanoTime();
    Object response = handler.handleRequest(request, context);
    long t2 = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    output.toJson(response, out);
    byte[] bytes = out.toByteArray();
    long t3 = System.nanoTime();
    lastDeserializeNanos = t1 - t0;
    lastHandleNanos = t2 - t1;
    lastSerializeNanos = t3 - t2;
    lastStatus =
        response instanceof APIGatewayProxyResponseEvent r && r.getStatusCode() != null ? r.getStatusCode() : -1;
    return bytes;
  }

  /** A stream handler: bytes in, bytes out; its (de)serialization is inside "handle". */
  private byte[] invokeStream(byte[] event, Context context) {
    long t0 = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try {
      stream.handleRequest(new ByteArrayInputStream(event), out, context);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] bytes = out.toByteArray();
    lastDeserializeNanos = 0;
    lastHandleNanos = System.nanoTime() - t0;
    lastSerializeNanos = 0;
    lastStatus = statusCode(bytes);
    return bytes;
  }

  /** {@code "statusCode":N} of a response's JSON, or -1. */
  private static int statusCode(byte[] json) {
    String text = new String(json, java.nio.charset.StandardCharsets.UTF_8);
    int at = text.indexOf("\"statusCode\":");
    if (at < 0) {
      return -1;
    }
    int i = at + "\"statusCode\":".length();
    int value = 0;
    while (i < text.length() && Character.isDigit(text.charAt(i))) {
      value = value * 10 + (text.charAt(i++) - '0');
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static RequestHandler<Object, Object> asRequestHandler(Object instance) {
    if (!(instance instanceof RequestHandler<?, ?>)) {
      throw new IllegalArgumentException(
          instance.getClass().getName() + " does not implement RequestHandler; bin/bench runs RequestHandlers only");
    }
    return (RequestHandler<Object, Object>) instance;
  }

  /** The most specific public {@code handleRequest(Event, Context)} (not the bridge method). */
  private static Method handleRequest(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals("handleRequest") && !m.isBridge() && !m.isSynthetic()
          && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class) {
        return m;
      }
    }
    throw new IllegalArgumentException("no handleRequest(Event, Context) in " + type.getName());
  }

  @SuppressWarnings("unchecked")
  private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader loader) {
    if (!LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
      throw new IllegalArgumentException(type.getName() + " is not a Lambda event type; bin/bench expects one");
    }
    return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
  }
}
