package com.web3crm.webhook.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API Gateway REST (v1 proxy) event and response as JSON bytes, read and written by the functions themselves,
 * so the Lambda runtime hands them bytes (they are {@code RequestStreamHandler}s) and never loads its
 * Jackson-based event serializers: in bin/bench's measurements that is ~0.2 s less cold start and ~36 MiB less
 * memory per function (BENCHMARKS.md, "Levers tried").
 *
 * <p>{@link #read} fills exactly the fields of {@link APIGatewayProxyRequestEvent} the functions use or a test
 * compares — {@code resource}, {@code path}, {@code httpMethod}, {@code headers}, {@code multiValueHeaders},
 * {@code queryStringParameters}, {@code multiValueQueryStringParameters}, {@code pathParameters},
 * {@code stageVariables}, {@code body}, {@code isBase64Encoded} — the way the runtime's serializer fills them
 * ({@code ProxyEventJsonTest} compares the two on every event file, on generated events and on hand-written
 * test events). Every other member ({@code requestContext}, ...) is skipped whatever it holds. API Gateway writes
 * RFC 8259 JSON; what a hand-written test event may hold beyond that is read as the runtime's serializer reads it:
 * a second occurrence of a member wins, the document {@code null} is no event (null), a byte order mark and text
 * after the event are ignored, numbers and booleans stand for strings, a single value for an array of one,
 * {@code "true"}/{@code "false"} and integers for booleans; nesting is limited to {@value #MAX_DEPTH}. Anything else is a {@link MalformedEvent},
 * whose message gives an offset and never event text (the event holds the credentials).
 *
 * <p>{@link #write} writes the response members the runtime's serializer writes for a response the functions
 * build: {@code statusCode}, {@code headers}, {@code multiValueHeaders}, {@code body}, {@code isBase64Encoded},
 * each only when set.
 */
public final class ProxyEventJson {
  private ProxyEventJson() {}

  /** Deeper nesting than this is refused: the runtime serializer's (Jackson's) default limit. */
  static final int MAX_DEPTH = 1000;

  /** The event was not one JSON object of the proxy event's shape. */
  public static final class MalformedEvent extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedEvent(String message) {
      super(message, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /** The event in {@code json} (UTF-8 bytes), null for the JSON {@code null}; the stream is read to its end. */
  public static APIGatewayProxyRequestEvent read(InputStream json) throws IOException {
    return read(json.readAllBytes());
  }

  /** The event in {@code json} (UTF-8 bytes). */
  public static APIGatewayProxyRequestEvent read(byte[] json) throws MalformedEvent {
    return new Reader(new String(json, StandardCharsets.UTF_8)).event();
  }

  /** {@code response} as the runtime's serializer writes it, UTF-8. */
  public static void write(APIGatewayProxyResponseEvent response, OutputStream out) throws IOException {
    out.write(toJson(response).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code response} as one JSON object. */
  public static String toJson(APIGatewayProxyResponseEvent response) {
    StringBuilder b = new StringBuilder(256).append('{');
    if (response.getStatusCode() != null) {
      member(b, "statusCode").append(response.getStatusCode().intValue());
    }
    if (response.getHeaders() != null) {
      member(b, "headers").append('{');
      for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
        member(b, header.getKey()).append(Json.quote(header.getValue()));
      }
      b.append('}');
    }
    if (response.getMultiValueHeaders() != null) {
      member(b, "multiValueHeaders").append('{');
      for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
        member(b, header.getKey());
        if (header.getValue() == null) {
          b.append("null");
          continue;
        }
        b.append('[');
        for (String value : header.getValue()) {
          if (b.charAt(b.length() - 1) != '[') {
            b.append(',');
          }
          b.append(Json.quote(value));
        }
        b.append(']');
      }
      b.append('}');
    }
    if (response.getBody() != null) {
      member(b, "body").append(Json.quote(response.getBody()));
    }
    if (response.getIsBase64Encoded() != null) {
      member(b, "isBase64Encoded").append(response.getIsBase64Encoded().booleanValue());
    }
    return b.append('}').toString();
  }

  /** {@code "name":}, after a comma unless it is the first member of the object just opened. */
  private static StringBuilder member(StringBuilder b, String name) {
    if (b.charAt(b.length() - 1) != '{') {
      b.append(',');
    }
    return b.append(Json.quote(name)).append(':');
  }

  // ---------------------------------------------------------------------------------------------------- reading

  private static final class Reader {
    private final String text;
    private final int end;
    private int pos;

    Reader(String text) {
      this.text = text;
      this.end = text.length();
    }

    APIGatewayProxyRequestEvent event() throws MalformedEvent {
      if (pos < end && text.charAt(pos) == '\uFEFF') { // a byte order mark, which the runtime's serializer skips
        pos++;
      }
      if (tryNull()) { // a test invocation with the payload null: no event, as the runtime's serializer reads it
        return null;
      }
      APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
      members(name -> {
        switch (name) {
          case "resource" -> event.setResource(stringOrNull());
          case "path" -> event.setPath(stringOrNull());
          case "httpMethod" -> event.setHttpMethod(stringOrNull());
          case "headers" -> event.setHeaders(map(this::stringOrNull));
          case "multiValueHeaders" -> event.setMultiValueHeaders(map(this::stringList));
          case "queryStringParameters" -> event.setQueryStringParameters(map(this::stringOrNull));
          case "multiValueQueryStringParameters" -> event.setMultiValueQueryStringParameters(map(this::stringList));
          case "pathParameters" -> event.setPathParameters(map(this::stringOrNull));
          case "stageVariables" -> event.setStageVariables(map(this::stringOrNull));
          case "body" -> event.setBody(stringOrNull());
          case "isBase64Encoded" -> event.setIsBase64Encoded(booleanOrNull());
          default -> skipValue(1);
        }
      });
      // whatever follows the event object is ignored, as the runtime's serializer ignores it
      return event;
    }

    /** Reads one value. */
    private interface Value<T> {
      T read() throws MalformedEvent;
    }

    /** Reads one member's value, after its name and the colon. */
    private interface Member {
      void read(String name) throws MalformedEvent;
    }

    /** Reads one array element. */
    private interface Element {
      void read() throws MalformedEvent;
    }

    /** An object: each member's name goes to {@code member}, which reads its value. */
    private void members(Member member) throws MalformedEvent {
      expect('{');
      if (tryConsume('}')) {
        return;
      }
      do {
        String name = string();
        expect(':');
        member.read(name);
      } while (tryConsume(','));
      expect('}');
    }

    /** An array: {@code element} reads each element. */
    private void elements(Element element) throws MalformedEvent {
      expect('[');
      if (tryConsume(']')) {
        return;
      }
      do {
        element.read();
      } while (tryConsume(','));
      expect(']');
    }

    /** null, or an object whose member values {@code value} reads, in order; a repeated name's last value wins. */
    private <T> Map<String, T> map(Value<T> value) throws MalformedEvent {
      if (tryNull()) {
        return null;
      }
      Map<String, T> map = new LinkedHashMap<>();
      members(name -> map.put(name, value.read()));
      return map;
    }

    /** An array of strings; a single value is a list of one (the runtime's serializer accepts that too). */
    private List<String> stringList() throws MalformedEvent {
      if (tryNull()) {
        return null;
      }
      List<String> list = new ArrayList<>(2);
      if (peek() != '[') {
        list.add(stringOrNull());
      } else {
        elements(() -> list.add(stringOrNull()));
      }
      return list;
    }

    /**
     * {@code true}, {@code false}, {@code null}, or as the runtime's serializer coerces them: the strings
     * {@code "true"} / {@code "false"} (any case) and integers (0 is false).
     */
    private Boolean booleanOrNull() throws MalformedEvent {
      skipWhitespace();
      String value = peek() == '"' ? string() : scalar();
      return switch (value.toLowerCase(java.util.Locale.ROOT)) {
        case "null" -> null;
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> {
          if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            yield value.chars().anyMatch(ch -> ch != '0');
          }
          throw malformed("expected true, false or null");
        }
      };
    }

    /** A string, null, or a number or boolean as its text (the runtime's serializer coerces those too). */
    private String stringOrNull() throws MalformedEvent {
      skipWhitespace();
      if (peek() == '"') {
        return string();
      }
      if (peek() == '{' || peek() == '[') {
        throw malformed("expected a string");
      }
      String scalar = scalar();
      return scalar.equals("null") ? null : scalar;
    }

    /**
     * Any value, thrown away. Scalars are read as leniently as the runtime's serializer reads them in members it
     * maps (leading zeros, {@code NaN}): a run of letters, digits and {@code + - .}.
     */
    private void skipValue(int depth) throws MalformedEvent {
      skipWhitespace();
      char c = peek();
      if (c == '"') {
        string();
      } else if (c == '{' || c == '[') {
        if (depth >= MAX_DEPTH) {
          throw malformed("nested deeper than " + MAX_DEPTH);
        }
        // one stack frame per level, no helper or lambda in between: nesting to MAX_DEPTH must fit any stack
        pos++;
        char close = c == '{' ? '}' : ']';
        if (!tryConsume(close)) {
          do {
            if (close == '}') {
              string();
              expect(':');
            }
            skipValue(depth + 1);
          } while (tryConsume(','));
          expect(close);
        }
      } else {
        scalar();
      }
    }

    /** A number, {@code true}, {@code false}, {@code null} or the like, as its text (never empty). */
    private String scalar() throws MalformedEvent {
      int start = pos;
      while (pos < end) {
        char c = text.charAt(pos);
        if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '+' && c != '-' && c != '.') {
          break;
        }
        pos++;
      }
      if (pos == start) {
        throw malformed("invalid value");
      }
      return text.substring(start, pos);
    }

    /** A string literal (after whitespace); escapes decoded, lone surrogates kept as the runtime keeps them. */
    private String string() throws MalformedEvent {
      skipWhitespace();
      if (peek() != '"') {
        throw malformed("expected a string");
      }
      pos++;
      int start = pos;
      while (pos < end) {
        char c = text.charAt(pos);
        if (c == '"') {
          return text.substring(start, pos++);
        }
        if (c == '\\') {
          break;
        }
        pos++;
      }
      StringBuilder out = new StringBuilder(pos - start + 16).append(text, start, pos);
      while (pos < end) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= end) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> out.append(hex4());
          default -> throw malformed("invalid escape");
        }
      }
      throw malformed("unterminated string");
    }

    private char hex4() throws MalformedEvent {
      if (pos + 4 > end) {
        throw malformed("truncated \\u escape");
      }
      int value = 0;
      for (int i = 0; i < 4; i++) {
        char h = text.charAt(pos++);
        int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
            : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
        if (digit < 0) {
          throw malformed("invalid \\u escape");
        }
        value = value << 4 | digit;
      }
      return (char) value;
    }

    private boolean tryNull() {
      skipWhitespace();
      if (text.startsWith("null", pos)
          && (pos + 4 == end || !(Character.isLetterOrDigit(text.charAt(pos + 4)) && text.charAt(pos + 4) < 0x80))) {
        pos += 4;
        return true;
      }
      return false;
    }

    private boolean tryConsume(char c) {
      skipWhitespace();
      if (pos < end && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void expect(char c) throws MalformedEvent {
      if (!tryConsume(c)) {
        throw malformed("expected '" + c + "'");
      }
    }

    private char peek() throws MalformedEvent {
      if (pos >= end) {
        throw malformed("unexpected end");
      }
      return text.charAt(pos);
    }

    private void skipWhitespace() {
      while (pos < end) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          return;
        }
        pos++;
      }
    }

    private MalformedEvent malformed(String what) {
      return new MalformedEvent("not an API Gateway proxy event: " + what + " at offset " + pos);
    }
  }
}
