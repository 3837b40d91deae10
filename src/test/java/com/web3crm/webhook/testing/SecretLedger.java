package com.web3crm.webhook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.RequestHeaders;
import com.web3crm.webhook.body.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The secrets a test run used, recorded where the tests create or send them ({@link EventBuilder},
 * {@link ApiFixture}, {@link Response}, the end-to-end tests), so {@code SecretHygieneIT} can prove none of them
 * reached a log: {@code api_secret} values (their SHA-256 hashes are derived at check time), {@code webhook_pass}
 * values, and raw request bodies.
 *
 * <p>One file per test JVM under {@code target/run-logs/ledger/}, one {@code kind<TAB>value} line per distinct
 * value, with {@code \\ \t \n \r} escaped.
 */
public final class SecretLedger {
  /** Values shorter than this are too common to mean anything when found in a log. */
  public static final int MIN_LENGTH = 8;

  /**
   * A body that is itself a plain name may be echoed back in an error message by design ({@code unknown field:
   * NAME}); the log carries only the message's fixed part, but a plain word is no raw body worth protecting.
   */
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  public enum Kind { SECRET, PASSWORD, BODY }

  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private SecretLedger() {}

  public static void secret(String apiSecret) {
    record(Kind.SECRET, apiSecret == null ? null : apiSecret.strip());
  }

  public static void password(String webhookPass) {
    record(Kind.PASSWORD, webhookPass);
  }

  /** A raw request body, plus the {@code webhook_pass} the handler would read from it, if any. */
  public static void body(String body, boolean base64, String contentType) {
    if (body == null) {
      return;
    }
    if (!PLAIN_NAME.matcher(body).matches()) {
      record(Kind.BODY, body);
    }
    try {
      Map<String, String> fields = RequestBody.decodeFields(body, base64, contentType);
      password(fields.get("webhook_pass"));
    } catch (ClientError e) {
      // not a decodable body: the raw body itself is recorded
    }
  }

  /** An API Gateway event as JSON (an {@code events/} file): its {@code api_secret} header and its body. */
  public static void event(byte[] json) {
    JsonNode event = ApiFixture.parse(new String(json, StandardCharsets.UTF_8));
    String contentType = null;
    for (var header : event.path("headers").properties()) {
      if (RequestHeaders.sameName("api_secret", header.getKey())) {
        secret(header.getValue().asText(null));
      } else if (RequestHeaders.sameName("Content-Type", header.getKey())) {
        contentType = header.getValue().asText(null);
      }
    }
    body(event.path("body").asText(null), event.path("isBase64Encoded").asBoolean(false), contentType);
  }

  private static void record(Kind kind, String value) {
    if (value == null || value.length() < MIN_LENGTH || !SEEN.add(kind + "\t" + value)) {
      return;
    }
    Path file = RunLogs.directory().resolve("ledger").resolve(ProcessHandle.current().pid() + ".tsv");
    try {
      Files.createDirectories(file.getParent());
      synchronized (SecretLedger.class) {
        Files.writeString(file, kind + "\t" + escape(value) + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not record a secret the run used in " + file, e);
    }
  }

  /** {@code \\ \t \n \r} escaped, and lone surrogates as {@code \}{@code uXXXX} (UTF-8 has no form for them). */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            out.append(c).append(value.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  public static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(switch (next) {
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 'u' -> {
            char unit = (char) Integer.parseInt(text.substring(i + 1, i + 5), 16);
            i += 4;
            yield unit;
          }
          default -> next;
        });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
