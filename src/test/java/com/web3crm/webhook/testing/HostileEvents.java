package com.web3crm.webhook.testing;

import static com.web3crm.webhook.testing.ContractMessages.BODY_INVALID;
import static com.web3crm.webhook.testing.ContractMessages.BODY_TOO_LARGE;
import static com.web3crm.webhook.testing.ContractMessages.CREDENTIALS_INVALID;
import static com.web3crm.webhook.testing.ContractMessages.CREDENTIALS_MISSING;
import static com.web3crm.webhook.testing.ContractMessages.LOGIN_INVALID;
import static com.web3crm.webhook.testing.ContractMessages.NO_FIELD;
import static com.web3crm.webhook.testing.ContractMessages.PASS_INVALID;
import static com.web3crm.webhook.testing.ContractMessages.UNSUPPORTED_CONTENT_TYPE;
import static com.web3crm.webhook.testing.ContractMessages.WEBHOOK_INVALID;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Seeded generator of hostile API Gateway (REST, v1) events for both routes, built field by field rather than
 * with {@link EventBuilder}: null header maps, null names and values, a header only in {@code multiValueHeaders},
 * single and multi maps that disagree, odd casing, repeats, huge and non-ASCII values; bodies in every encoding
 * (form, JSON, multipart; text or base64) that are clean, at the size limit, 1 MiB, or corrupted; and webhook,
 * login and password values valid and not.
 *
 * <p>Everything about an event comes from its own seed ({@link #generate(long)}), so one event can be rebuilt
 * alone from the seed a failure prints.
 *
 * <p>For most events the generator also states what the contract ({@code docs/API.md}) says the answer must be
 * ({@link Expected}): it knows the credentials, the header maps, the Content-Type and, for bodies it encoded
 * itself, the fields and their verdicts. That model is written from the contract, not from the production
 * classes (header lookup, order of checks, size and UTF-8 rules, field rules); webhook verdicts come from the
 * URL table ({@link WebhookUrlCases}) or from URLs built with a known canonical form. Where an event was
 * corrupted at random the outcome is left open ({@code expected == null}) and only the invariants apply.
 */
public final class HostileEvents {
  private HostileEvents() {}

  /** A key that never exists; events that use it must not create it. */
  public static final String UNKNOWN_KEY = "k_fuzz_unknown_1";

  public static final String REGISTER_PATH = "/crm_register_webhook";
  public static final String GET_PATH = "/crm_get_webhook";
  public static final List<String> FIELDS = List.of("webhook", "webhook_login", "webhook_pass");

  static final int MAX_BODY = 16_384;
  /** Base64 text longer than this cannot decode to at most {@link #MAX_BODY} bytes. */
  static final int MAX_BASE64_CHARS = 4 * ((MAX_BODY + 2) / 3);
  static final int ONE_MIB = 1 << 20;

  /**
   * What the contract says the answer is.
   *
   * @param message the exact 400 message; null for a 200
   * @param reachesStore whether the handler must make its one DynamoDB call (else none)
   * @param change for a 200 POST: field → empty (cleared) or the stored value; fields not in the map are kept
   */
  public record Expected(int status, String message, boolean reachesStore, Map<String, Optional<String>> change) {
    static Expected error(String message, boolean reachesStore) {
      return new Expected(400, message, reachesStore, Map.of());
    }
  }

  /**
   * One generated event and what is known about it.
   *
   * @param expected null when the outcome is left open (randomly corrupted input)
   * @param logNeedles texts that must never reach the log: api_secret values, webhook_pass values, the raw body
   * @param answerNeedles random secrets and passwords that a 400 answer must not repeat
   * @param echoable texts the contract allows an answer to repeat (plain field names, the Content-Type value)
   * @param tags what the event exercised, for the run's coverage figures
   */
  public record Generated(
      long seed,
      boolean post,
      APIGatewayProxyRequestEvent event,
      Expected expected,
      List<String> logNeedles,
      List<String> answerNeedles,
      List<String> echoable,
      Set<String> tags,
      String description) {

    /** The api_key the event carries, as the contract reads it (null if missing or ambiguous). */
    public String apiKey() {
      HeaderValue key = header(event, "api_key");
      return key.ambiguous() ? null : key.value();
    }
  }

  // ------------------------------------------------------------------------------------------ header model

  /** A header as the contract reads it: value (trimmed; null if absent) or ambiguous. */
  public record HeaderValue(String value, boolean ambiguous) {}

  /**
   * The contract's header rule, independent of the production lookup: names match ASCII-case-insensitively in
   * both maps (nulls anywhere ignored), values are trimmed, two different values are ambiguous.
   */
  public static HeaderValue header(APIGatewayProxyRequestEvent event, String name) {
    Set<String> values = new LinkedHashSet<>();
    if (event != null && event.getHeaders() != null) {
      event.getHeaders().forEach((n, v) -> {
        if (n != null && v != null && asciiEqualsIgnoreCase(n, name)) {
          values.add(v.strip());
        }
      });
    }
    if (event != null && event.getMultiValueHeaders() != null) {
      event.getMultiValueHeaders().forEach((n, list) -> {
        if (n != null && list != null && asciiEqualsIgnoreCase(n, name)) {
          list.stream().filter(Objects::nonNull).forEach(v -> values.add(v.strip()));
        }
      });
    }
    return new HeaderValue(values.size() == 1 ? values.iterator().next() : null, values.size() > 1);
  }

  static boolean asciiEqualsIgnoreCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }

  // ------------------------------------------------------------------------------------------ generation

  /** The event for {@code seed}: the same seed always gives the same event. */
  public static Generated generate(long seed) {
    return new Gen(seed).build();
  }

  /** Field values of a body the generator encoded itself, in order; value null = JSON null, {@code WRONG} = not a string. */
  private record Entry(String name, String value, String wrongType) {}

  /** How the Content-Type header reads; {@code error} is the answer it forces, if any. */
  private record ContentType(String value, Encoding kind, String error) {}

  private enum Encoding {
    FORM,
    JSON,
    MULTIPART,
    /** absent or blank: the body is sniffed */
    SNIFF
  }

  /** A body and what it decodes to: {@code entries} (if the decoded fields are known) or a forced {@code error}. */
  private record Body(String text, List<Entry> entries, String error) {}

  private static final class Gen {
    private final long seed;
    private final SplittableRandom r;
    private final Set<String> tags = new TreeSet<>();
    private final List<String> logNeedles = new ArrayList<>();
    private final List<String> answerNeedles = new ArrayList<>();
    private final List<String> echoable = new ArrayList<>();
    /** Webhook inputs this event uses → canonical form, or null when invalid. */
    private final Map<String, String> urlVerdicts = new LinkedHashMap<>();
    private Map<String, String> single = new LinkedHashMap<>();
    private Map<String, List<String>> multi = new LinkedHashMap<>();
    private boolean predictable = true;

    Gen(long seed) {
      this.seed = seed;
      this.r = new SplittableRandom(seed);
    }

    Generated build() {
      boolean post = r.nextInt(10) < 7;
      tags.add(post ? "POST" : "GET");
      credentials();
      String body = null;
      Boolean base64 = null;
      Body decoded = null;
      ContentType contentType = null;
      if (post || r.nextInt(3) == 0) {
        ContentTypeAndBody ctb = post ? postBody() : ignoredBody();
        body = ctb.sent;
        base64 = ctb.base64;
        decoded = ctb.body;
        contentType = ctb.contentType;
        if (contentType != null && contentType.value() != null) {
          addHeader("Content-Type", contentType.value(), true);
          echoable.add(contentType.value());
        }
        if (!post) {
          tags.add("GET-with-body");
        }
      }
      junkHeaders();
      nullMaps();
      APIGatewayProxyRequestEvent event =
          new APIGatewayProxyRequestEvent()
              .withHttpMethod(post ? "POST" : "GET")
              .withPath(post ? REGISTER_PATH : GET_PATH)
              .withResource(post ? REGISTER_PATH : GET_PATH)
              .withHeaders(single)
              .withMultiValueHeaders(multi)
              .withBody(body)
              .withIsBase64Encoded(base64);
      if (r.nextInt(50) == 0) {
        event.setQueryStringParameters(Map.of("api_key", ApiFixture.KEY, "webhook", "https://query.example.com/"));
        tags.add("query-string");
      }
      if (body != null && body.length() >= 6) {
        logNeedles.add(body);
        if (Boolean.TRUE.equals(base64)) {
          String decodedText = strictUtf8(decodeBase64(body));
          if (decodedText != null && decodedText.length() >= 6) {
            logNeedles.add(decodedText);
          }
        }
      }
      Expected expected = predictable ? expect(event, post, decoded, contentType) : null;
      tags.add(expected == null ? "open" : "predicted");
      return new Generated(
          seed, post, event, expected, List.copyOf(logNeedles), List.copyOf(answerNeedles), List.copyOf(echoable),
          Collections.unmodifiableSet(tags), describe(event, expected));
    }

    // ---------------------------------------------------------------- expectation (the contract's order of checks)

    private Expected expect(APIGatewayProxyRequestEvent event, boolean post, Body body, ContentType contentType) {
      HeaderValue key = header(event, "api_key");
      if (key.ambiguous()) {
        return Expected.error(ContractMessages.ambiguousHeader("api_key"), false);
      }
      HeaderValue secret = header(event, "api_secret");
      if (secret.ambiguous()) {
        return Expected.error(ContractMessages.ambiguousHeader("api_secret"), false);
      }
      if (key.value() == null || key.value().isEmpty() || secret.value() == null || secret.value().isEmpty()) {
        return Expected.error(CREDENTIALS_MISSING, false);
      }
      boolean wellFormed = key.value().length() <= 256 && key.value().chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
      boolean valid = ApiFixture.KEY.equals(key.value()) && ApiFixture.SECRET.equals(secret.value());
      Map<String, Optional<String>> change = Map.of();
      if (post) {
        HeaderValue sentType = header(event, "Content-Type");
        if (sentType.ambiguous()) {
          return Expected.error(ContractMessages.ambiguousHeader("Content-Type"), false);
        }
        String intended = contentType == null || contentType.value() == null ? "" : contentType.value().strip();
        String actual = sentType.value() == null ? "" : sentType.value();
        if (!intended.equals(actual)) {
          return null; // a null value replaced the Content-Type: the body is read otherwise, left open
        }
        String bodyError = sizeAndEncodingError(event.getBody(), event.getIsBase64Encoded());
        if (bodyError == null && contentType != null) {
          bodyError = contentType.error();
        }
        if (bodyError == null && body == null) {
          return null;
        }
        if (bodyError == null) {
          bodyError = body.error();
        }
        if (bodyError != null) {
          return Expected.error(bodyError, false);
        }
        FieldsOutcome fields = fieldsOutcome(body.entries());
        if (fields.error() != null) {
          return Expected.error(fields.error(), false);
        }
        change = fields.change();
      }
      if (!valid) {
        return Expected.error(CREDENTIALS_INVALID, wellFormed);
      }
      return new Expected(200, null, true, change);
    }

    /** Size, base64 and UTF-8 rules, which come before the Content-Type; null when the body passes them. */
    private static String sizeAndEncodingError(String sent, Boolean base64) {
      if (sent == null || sent.isEmpty()) {
        return null;
      }
      if (Boolean.TRUE.equals(base64)) {
        if (sent.length() > MAX_BASE64_CHARS) {
          return BODY_TOO_LARGE;
        }
        byte[] bytes = decodeBase64(sent);
        if (bytes == null) {
          return BODY_INVALID;
        }
        if (bytes.length > MAX_BODY) {
          return BODY_TOO_LARGE;
        }
        return strictUtf8(bytes) == null ? BODY_INVALID : null;
      }
      if (utf8Length(sent) > MAX_BODY) {
        return BODY_TOO_LARGE;
      }
      return sent.indexOf('\uFFFD') >= 0 || hasLoneSurrogate(sent) ? BODY_INVALID : null;
    }

    private record FieldsOutcome(String error, Map<String, Optional<String>> change) {}

    /** The field rules: repeats, unknown names, none given, then webhook, login, pass in that order. */
    private FieldsOutcome fieldsOutcome(List<Entry> entries) {
      Map<String, String> fields = new LinkedHashMap<>();
      for (Entry e : entries) {
        if (fields.containsKey(e.name()) && !Objects.equals(fields.get(e.name()), e.value())) {
          return new FieldsOutcome(ContractMessages.ambiguousField(e.name()), null);
        }
        fields.putIfAbsent(e.name(), e.value());
      }
      for (String name : fields.keySet()) {
        if (!FIELDS.contains(name)) {
          return new FieldsOutcome(ContractMessages.unknownField(name), null);
        }
      }
      if (fields.isEmpty()) {
        return new FieldsOutcome(NO_FIELD, null);
      }
      Map<String, Optional<String>> change = new LinkedHashMap<>();
      for (String name : FIELDS) {
        if (!fields.containsKey(name)) {
          continue;
        }
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
          change.put(name, Optional.empty());
          continue;
        }
        String stored;
        String error;
        switch (name) {
          case "webhook" -> {
            stored = urlVerdicts.get(value);
            error = WEBHOOK_INVALID;
          }
          case "webhook_login" -> {
            stored = validAuthText(value, true) ? value : null;
            error = LOGIN_INVALID;
          }
          default -> {
            stored = validAuthText(value, false) ? value : null;
            error = PASS_INVALID;
          }
        }
        if (stored == null) {
          return new FieldsOutcome(error, null);
        }
        change.put(name, Optional.of(stored));
      }
      return new FieldsOutcome(null, change);
    }

    // ---------------------------------------------------------------- credentials and headers

    private void credentials() {
      String key = ApiFixture.KEY;
      String secret = ApiFixture.SECRET;
      int x = r.nextInt(100);
      if (x < 56) {
        tags.add("creds-valid");
      } else if (x < 64) {
        tags.add("creds-wrong-secret");
        secret = pick(List.of("S_DEMO_456", "s_demo_457", "s_demo_456x", "s_demo_45", "s_démo_456", randomSecret()));
      } else if (x < 70) {
        tags.add("creds-unknown-key");
        key = r.nextBoolean() ? UNKNOWN_KEY : "k_" + randomToken(1 + r.nextInt(40));
        secret = r.nextBoolean() ? ApiFixture.SECRET : randomSecret();
      } else if (x < 76) {
        tags.add("creds-revoked");
        key = ApiFixture.REVOKED_KEY;
        secret = r.nextInt(4) == 0 ? randomSecret() : ApiFixture.REVOKED_SECRET;
      } else if (x < 86) {
        tags.add("creds-missing");
        switch (r.nextInt(6)) {
          case 0 -> key = null;
          case 1 -> secret = null;
          case 2 -> {
            key = null;
            secret = null;
          }
          case 3 -> key = "";
          case 4 -> secret = pick(List.of(" ", "\t", "  \t "));
          default -> key = "\u3000";
        }
      } else if (x < 93) {
        tags.add("creds-malformed-key");
        key = pick(List.of(
            "k_demo 123", "k_démo_123", "k_demo\u0000123", "k_demo\u007f", "k_" + "a".repeat(255),
            "k_" + "a".repeat(300), "k_demo_123\u200b", "\uD83D\uDE00", "k_demo_123\n2"));
      } else {
        tags.add("creds-huge");
        int size = r.nextInt(4) == 0 ? ONE_MIB : 1000 + r.nextInt(70_000);
        if (r.nextBoolean()) {
          secret = hugeText(size);
        } else {
          key = hugeText(size);
        }
      }
      if (secret != null && secret.length() >= 6) {
        logNeedles.add(secret);
        if (!secret.equals(ApiFixture.SECRET) && !secret.equals(ApiFixture.REVOKED_SECRET) && secret.length() >= 10) {
          answerNeedles.add(secret);
        }
      }
      if (key != null) {
        addHeader("api_key", key, false);
      }
      if (secret != null) {
        addHeader("api_secret", secret, false);
      }
      if (r.nextInt(100) < 3) {
        tags.add("header-conflict");
        boolean onKey = r.nextBoolean();
        String other = onKey ? (key == null ? ApiFixture.KEY : key + "2") : (secret == null ? "x" : secret + "2");
        if (!onKey) {
          logNeedles.add(other);
        }
        putSomewhere(casing(onKey ? "api_key" : "api_secret"), other);
      }
    }

    /** Adds a header the way API Gateway does (both maps), or only to one, with odd casing, repeats and nulls. */
    private void addHeader(String name, String value, boolean contentType) {
      String n = casing(name);
      String v = r.nextInt(10) == 0 ? pad(value) : value;
      switch (r.nextInt(10)) {
        case 7 -> {
          single.put(n, v);
          tags.add("header-single-only");
        }
        case 8 -> {
          multi.computeIfAbsent(n, k -> new ArrayList<>()).add(v);
          tags.add("header-multi-only");
        }
        default -> {
          single.put(n, v);
          multi.computeIfAbsent(n, k -> new ArrayList<>()).add(v);
        }
      }
      if (r.nextInt(25) == 0) {
        tags.add("header-repeated");
        putSomewhere(casing(name), r.nextBoolean() ? pad(value) : value);
      }
      if (r.nextInt(30) == 0) {
        tags.add("header-null-value");
        String other = casing(name);
        switch (r.nextInt(3)) {
          case 0 -> single.put(other, null);
          case 1 -> multi.put(other, null);
          default -> multi.computeIfAbsent(other, k -> new ArrayList<>()).add(null);
        }
      }
      if (contentType && r.nextInt(60) == 0) {
        tags.add("header-conflict");
        putSomewhere(casing(name), pick(List.of("text/plain", "application/json", value.toUpperCase(Locale.ROOT) + "x")));
      }
    }

    private void putSomewhere(String name, String value) {
      if (r.nextBoolean()) {
        single.put(name, value);
      } else {
        multi.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }

    private static final List<String> JUNK_NAMES =
        List.of(
            "Host", "User-Agent", "Accept", "X-Forwarded-For", "X-Amzn-Trace-Id", "Authorization", "Cookie",
            "api-key", "apikey", "api_key_id", "x-api_key", "api_secret_2", "API-SECRET", " api_key", "api_key ",
            "api_key\u0000", "ключ", "\uD83D\uDD11", "", "Content-Type-X", "webhook_pass", "X-Very-Long-" + "h".repeat(300),
            // not ASCII case variants, though Java's equalsIgnoreCase folds them to api_key / api_secret / Content-Type
            "api_\u212Aey", "AP\u0130_KEY", "api_\u017Fecret", "Content-\u0422ype");

    private void junkHeaders() {
      int n = r.nextInt(5) == 0 ? 1 + r.nextInt(6) : 0;
      for (int i = 0; i < n; i++) {
        String name = r.nextInt(40) == 0 ? null : pick(JUNK_NAMES);
        String value = switch (r.nextInt(8)) {
          case 0 -> null;
          case 1 -> hugeText(r.nextInt(20) == 0 ? ONE_MIB : 10_000 + r.nextInt(60_000));
          case 2 -> randomText(1 + r.nextInt(60), true);
          default -> randomToken(1 + r.nextInt(30));
        };
        tags.add("junk-header");
        if (value != null && value.length() > 10_000) {
          tags.add("huge-header");
        }
        if (r.nextBoolean()) {
          single.put(name, value);
        } else {
          multi.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
      }
    }

    private void nullMaps() {
      switch (r.nextInt(40)) {
        case 0 -> {
          single = null;
          multi = null;
          tags.add("null-maps");
        }
        case 1, 2 -> {
          single = null;
          tags.add("null-single-map");
        }
        case 3, 4 -> {
          multi = null;
          tags.add("null-multi-map");
        }
        default -> {
          if (single.isEmpty() && r.nextBoolean()) {
            single = null;
          }
          if (multi.isEmpty() && r.nextBoolean()) {
            multi = null;
          }
        }
      }
    }

    private String casing(String name) {
      return switch (r.nextInt(6)) {
        case 0 -> name.toUpperCase(Locale.ROOT);
        case 1 -> {
          StringBuilder out = new StringBuilder();
          for (char c : name.toCharArray()) {
            out.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
          }
          yield out.toString();
        }
        case 2 -> name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        default -> name;
      };
    }

    private String pad(String value) {
      List<String> spaces = List.of(" ", "  ", "\t", " \t");
      return pick(spaces) + value + pick(spaces);
    }

    // ---------------------------------------------------------------- bodies

    private record ContentTypeAndBody(String sent, Boolean base64, ContentType contentType, Body body) {}

    private ContentTypeAndBody postBody() {
      return r.nextInt(100) < 70 ? cleanBody() : hostileBody();
    }

    /** A GET may carry a body and a Content-Type too; the route ignores both. */
    private ContentTypeAndBody ignoredBody() {
      boolean saved = predictable;
      ContentTypeAndBody ctb = hostileBody();
      predictable = saved;
      return ctb;
    }

    /** A body the generator encodes itself, so its fields are known. */
    private ContentTypeAndBody cleanBody() {
      tags.add("body-clean");
      Encoding encoding = pick(List.of(Encoding.FORM, Encoding.FORM, Encoding.JSON, Encoding.JSON, Encoding.MULTIPART));
      List<Entry> entries = entries(encoding);
      Body body;
      ContentType contentType;
      switch (encoding) {
        case FORM -> {
          body = new Body(form(entries), entries, null);
          contentType = contentType(Encoding.FORM, null);
        }
        case JSON -> {
          String text = json(entries);
          // the reader stops at the first value that is not a string or null: an unknown field under any name
          // but the three (the answer it gets with a string value too), else body invalid
          String wrongType = entries.stream().filter(e -> e.wrongType() != null).findFirst()
              .map(e -> FIELDS.contains(e.name()) ? BODY_INVALID : ContractMessages.unknownField(e.name()))
              .orElse(null);
          body = new Body(text, entries, wrongType);
          contentType = contentType(Encoding.JSON, null);
        }
        default -> {
          String boundary = boundary(entries);
          body = multipart(entries, boundary);
          contentType = contentType(Encoding.MULTIPART, boundary);
        }
      }
      tags.add("encoding-" + encoding.name().toLowerCase(Locale.ROOT));
      String text = body.text();
      if (r.nextInt(30) == 0) {
        text = "\uFEFF" + text;
        tags.add("bom");
      }
      if (!body.text().isEmpty() && r.nextInt(60) == 0) {
        int target = pick(List.of(MAX_BODY - 1, MAX_BODY, MAX_BODY, MAX_BODY + 1, ONE_MIB));
        text = padTo(text, encoding, target);
        tags.add(target == ONE_MIB ? "body-1MiB" : "body-at-limit");
      }
      if (contentType.kind() == Encoding.SNIFF) {
        Encoding sniffed = sniff(text);
        if (sniffed != encoding) {
          predictable = false; // a multipart body sent without its type is read as a form: left open
        }
      }
      return transport(text, contentType, new Body(text, body.entries(), body.error()));
    }

    /** Base64 (as the deployed API sends every body with a Content-Type) or text, flag false or absent. */
    private ContentTypeAndBody transport(String text, ContentType contentType, Body body) {
      int mode = r.nextInt(10);
      if (mode < 4 && !text.isEmpty()) {
        tags.add("base64");
        Base64.Encoder encoder = r.nextInt(5) == 0 ? Base64.getEncoder().withoutPadding() : Base64.getEncoder();
        return new ContentTypeAndBody(
            encoder.encodeToString(text.getBytes(StandardCharsets.UTF_8)), true, contentType, body);
      }
      tags.add("text");
      return new ContentTypeAndBody(text.isEmpty() && r.nextBoolean() ? null : text, mode == 9 ? null : false,
          contentType, body);
    }

    /** Random corruption in every encoding; a few kinds have a known answer, the rest are left open. */
    private ContentTypeAndBody hostileBody() {
      tags.add("body-hostile");
      int kind = r.nextInt(100);
      if (kind < 8) {
        tags.add("hostile-1MiB");
        String text = r.nextBoolean() ? hugeText(ONE_MIB) : "webhook_pass=" + "a".repeat(ONE_MIB);
        ContentType ct = anyContentType();
        if (r.nextBoolean()) {
          return new ContentTypeAndBody(
              Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)), true, ct,
              new Body(text, List.of(), BODY_TOO_LARGE));
        }
        return new ContentTypeAndBody(text, false, ct, new Body(text, List.of(), BODY_TOO_LARGE));
      }
      if (kind < 18) {
        tags.add("hostile-not-base64");
        String text = form(entries(Encoding.FORM)) + pick(List.of("!", "{", "%", "&", "*", " ", "\u00e4"));
        if (r.nextBoolean()) {
          text = pick(List.of("!!not base64!!", "{\"webhook\":null}", "d2ViaG9vaw=?", "====", "a b c d"));
        }
        ContentType ct = anyContentType();
        Body body = new Body(text, List.of(), null);
        predictable &= text.chars().anyMatch(c -> !isBase64Char(c)); // then the decoder must refuse it
        return new ContentTypeAndBody(text, true, ct, body);
      }
      if (kind < 26) {
        tags.add("hostile-json-shape");
        String text = pick(List.of(
            "[" .repeat(1 + r.nextInt(5000)) + "]".repeat(r.nextInt(3)),
            "{\"webhook\":" + "[".repeat(1 + r.nextInt(5000)),
            "{".repeat(1 + r.nextInt(5000)),
            "[]", "\"webhook\"", "42", "null", "true", "{\"webhook\":\"https://a.co/\"} {}", "{\"webhook\":\"x\",}",
            "{\"webhook\" \"x\"}", "{'webhook':'x'}", "{\"webhook\":\"x\"", "{\"webhook\":\"\\x\"}",
            "{\"webhook\":\"\\uD800\"}", "{\"webhook\":\"\\uDC00\\uD800\"}", "{\"webhook\":\"a\u0000b\"}",
            "{\"webhook\":\"a\nb\"}", "{\"webhook\":nul}", "{\"webhook\":NULL}", "{webhook:\"x\"}"));
        ContentType ct = contentType(Encoding.JSON, null);
        if (ct.kind() == Encoding.SNIFF && !text.startsWith("{")) {
          predictable = false; // read as a form
        }
        return transport(text, ct, new Body(text, List.of(), BODY_INVALID));
      }
      if (kind < 34) {
        tags.add("hostile-bad-percent");
        List<Entry> entries = entries(Encoding.FORM);
        String text = form(entries);
        String bad = pick(List.of("%", "%G1", "%4", "%zz", "%C3%28", "%ED%A0%80", "%C0%AF", "%FF", "%E2%82", "%F0%9F%98"));
        // at the start of a component, where it cannot merge with an escape the encoder wrote
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
          if (text.charAt(i) == '&' || text.charAt(i) == '=') {
            starts.add(i + 1);
          }
        }
        int at = pick(starts);
        if (bad.equals("%E2%82") || bad.equals("%F0%9F%98") || bad.equals("%") || bad.equals("%4")) {
          // incomplete: valid only at the end of a component
          int end = at;
          while (end < text.length() && text.charAt(end) != '&' && text.charAt(end) != '=') {
            end++;
          }
          at = end;
        }
        text = text.substring(0, at) + bad + text.substring(at);
        ContentType ct = contentType(Encoding.FORM, null);
        if (ct.kind() == Encoding.SNIFF && sniff(text) != Encoding.FORM) {
          predictable = false;
        }
        return transport(text, ct, new Body(text, List.of(), BODY_INVALID));
      }
      if (kind < 42) {
        tags.add("hostile-truncated-multipart");
        List<Entry> entries = entries(Encoding.MULTIPART);
        String boundary = boundary(entries);
        String text = multipart(entries, boundary).text();
        text = text.substring(0, r.nextInt(text.length() + 1));
        predictable = false;
        return transport(text, contentType(Encoding.MULTIPART, boundary), null);
      }
      if (kind < 50) {
        tags.add("hostile-invalid-utf8");
        List<Entry> entries = entries(Encoding.FORM);
        byte[] bytes = form(entries).getBytes(StandardCharsets.UTF_8);
        byte[] corrupt = Arrays.copyOf(bytes, bytes.length + 2);
        byte[] bad = pick(List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0}, new byte[] {(byte) 0x80}));
        int at = r.nextInt(bytes.length + 1);
        System.arraycopy(bytes, 0, corrupt, 0, at);
        System.arraycopy(bad, 0, corrupt, at, bad.length);
        System.arraycopy(bytes, at, corrupt, at + bad.length, bytes.length - at);
        corrupt = Arrays.copyOf(corrupt, bytes.length + bad.length);
        return new ContentTypeAndBody(
            Base64.getEncoder().encodeToString(corrupt), true, anyContentType(), new Body("", List.of(), BODY_INVALID));
      }
      // random edits of a clean body in any encoding, with any Content-Type and transport: left open
      tags.add("hostile-mutated");
      predictable = false;
      Encoding encoding = pick(List.of(Encoding.FORM, Encoding.JSON, Encoding.MULTIPART));
      List<Entry> entries = entries(encoding);
      String boundary = encoding == Encoding.MULTIPART ? boundary(entries) : null;
      String text = switch (encoding) {
        case FORM -> form(entries);
        case JSON -> json(entries);
        default -> multipart(entries, boundary).text();
      };
      text = mutate(text);
      ContentType ct = r.nextInt(4) == 0 ? anyContentType() : contentType(encoding, boundary);
      if (r.nextInt(4) == 0) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0 && r.nextBoolean()) {
          bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
        }
        String b64 = Base64.getEncoder().encodeToString(bytes);
        if (r.nextInt(3) == 0) {
          b64 = mutate(b64);
        }
        return new ContentTypeAndBody(b64, true, ct, null);
      }
      return new ContentTypeAndBody(text, r.nextBoolean() ? false : null, ct, null);
    }

    private static final List<String> TOKENS =
        List.of(
            "\\u", "\\uD800", "\\uDC00", "\\", "%", "%E0", "%C3%A4", "%zz", "+", "&", "=", "\r\n", "\n", "\r\n\r\n",
            "\"", "{", "}", "[", "]", "null", ",", ":", "true", "0", "-", "--", "Content-Disposition: form-data; name=",
            "; filename=\"f\"", "Content-Type: text/html\r\n", " ", "\t", "\u0000", "\u0001", "\u001b", "\u007f",
            "\uD83D", "\uDE00", "\u00e4", "\uD83D\uDE00", "\u2028", "\uFFFD", "\uFEFF", "webhook", "webhook_pass=",
            "\"webhook\":", "\"webhook\":\"x\",\"webhook\":\"y\"");

    private String mutate(String text) {
      StringBuilder out = new StringBuilder(text);
      int edits = 1 + r.nextInt(4);
      for (int i = 0; i < edits; i++) {
        int at = out.isEmpty() ? 0 : r.nextInt(out.length());
        switch (r.nextInt(6)) {
          case 0 -> {
            if (!out.isEmpty()) {
              out.setCharAt(at, (char) r.nextInt(0x10000));
            }
          }
          case 1 -> out.insert(at, (char) r.nextInt(128));
          case 2 -> out.delete(at, Math.min(out.length(), at + 1 + r.nextInt(8)));
          case 3 -> out.setLength(at);
          case 4 -> {
            int from = out.isEmpty() ? 0 : r.nextInt(out.length());
            out.insert(at, out.substring(from, Math.min(out.length(), from + r.nextInt(40))));
          }
          default -> out.insert(at, pick(TOKENS));
        }
      }
      return out.toString();
    }

    // ---------------------------------------------------------------- fields

    /** The fields of a body: a random subset of the three, clears, unknown names, repeats, wrong JSON types. */
    private List<Entry> entries(Encoding encoding) {
      List<Entry> entries = new ArrayList<>();
      if (r.nextInt(30) == 0) {
        tags.add("no-fields");
        return entries;
      }
      for (String field : FIELDS) {
        if (r.nextInt(100) < 55) {
          entries.add(entry(field, encoding));
        }
      }
      if (entries.isEmpty() && r.nextInt(10) < 8) {
        entries.add(entry(pick(FIELDS), encoding));
      }
      if (r.nextInt(100) < 6) {
        tags.add("unknown-field");
        String name = pick(List.of(
            "Webhook", "WEBHOOK", "webhook_url", "url", "password", "login", "api_key", "api_secret", "webhook.pass",
            "webhook-login", "x", "a".repeat(64), "a".repeat(65), "webhook ", "wébhook", "{\"webhook\":\"x\"}",
            "web hook", "", "\uD83D\uDE00", "webhook_pass\u200b"));
        String value = r.nextBoolean() ? randomToken(1 + r.nextInt(20)) : "";
        if (ContractMessages.shown(name).equals(name)) {
          echoable.add(name);
        }
        entries.add(r.nextInt(entries.size() + 1), new Entry(name, value, null));
      }
      if (!entries.isEmpty() && r.nextInt(100) < 6) {
        tags.add("repeated-field-same");
        Entry e = pick(entries);
        entries.add(entries.indexOf(e) + 1 + r.nextInt(entries.size() - entries.indexOf(e)), e);
      }
      if (!entries.isEmpty() && r.nextInt(100) < 4) {
        tags.add("repeated-field-different");
        Entry e = pick(entries);
        Entry other = e;
        for (int i = 0; i < 10 && Objects.equals(other.value(), e.value()); i++) {
          other = FIELDS.contains(e.name()) ? entry(e.name(), encoding) : new Entry(e.name(), randomToken(5), null);
        }
        entries.add(other);
      }
      if (encoding == Encoding.JSON && !entries.isEmpty() && r.nextInt(100) < 6) {
        tags.add("json-wrong-type");
        int i = r.nextInt(entries.size());
        String literal = pick(List.of(
            "0", "-1", "12.5e3", "true", "false", "[]", "[\"https://hooks.example.com/in\"]", "{}",
            "{\"a\":\"b\"}", "[".repeat(200) + "]".repeat(200)));
        entries.set(i, new Entry(entries.get(i).name(), null, literal));
      }
      return entries;
    }

    private Entry entry(String field, Encoding encoding) {
      if (r.nextInt(100) < 15) {
        tags.add("field-clear");
        return new Entry(field, encoding == Encoding.JSON && r.nextBoolean() ? null : "", null);
      }
      String value = switch (field) {
        case "webhook" -> webhook();
        case "webhook_login" -> authText(true);
        default -> authText(false);
      };
      if (field.equals("webhook_pass")) {
        if (value.length() >= 6) {
          logNeedles.add(value);
        }
        if (value.length() >= 10) {
          answerNeedles.add(value);
        }
      }
      if (encoding == Encoding.MULTIPART && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
        predictable = false; // a multipart value cannot end in CR (the line end takes it): left open
      }
      return new Entry(field, value, null);
    }

    private String webhook() {
      int x = r.nextInt(100);
      if (x < 40) {
        WebhookUrlCases.Case c = pick(VALID_URLS);
        urlVerdicts.put(c.input(), c.expected());
        tags.add("webhook-valid-table");
        return c.input();
      }
      if (x < 65) {
        WebhookUrlCases.Case c = pick(INVALID_URLS);
        urlVerdicts.put(c.input(), null);
        tags.add("webhook-invalid-table");
        return c.input();
      }
      if (x < 85) {
        tags.add("webhook-valid-built");
        return builtUrl();
      }
      if (x < 90) {
        tags.add("webhook-length-limit");
        String base = "https://hooks.example.com/";
        String at = base + "a".repeat(2048 - base.length());
        boolean over = r.nextBoolean();
        String value = over ? at + "a" : at;
        urlVerdicts.put(value, over ? null : at);
        return value;
      }
      tags.add("webhook-junk");
      String value = pick(List.of(
          "http://hooks.example.com/in", "ftp://hooks.example.com/", "hooks.example.com/in", "//hooks.example.com/",
          "javascript:alert(1)", "https:/hooks.example.com/", "https//hooks.example.com/", "#" + randomText(20, false),
          "x" + randomText(1 + r.nextInt(40), false), "ｈｔｔｐｓ://hooks.example.com/", "\u00a0https://hooks.example.com/"));
      urlVerdicts.put(value, null);
      return value;
    }

    /** A public https URL with odd casing and ports whose canonical form is known from the contract's rules. */
    private String builtUrl() {
      String[][] hosts = {
        {"hooks.example.com", "hooks.example.com"}, {"API.Partner.IO", "api.partner.io"}, {"a.co", "a.co"},
        {"x-1.Example.org", "x-1.example.org"}, {"8.8.8.8", "8.8.8.8"},
        {"[2001:4860:4860::8888]", "[2001:4860:4860::8888]"}, {"bücher.example", "xn--bcher-kva.example"}
      };
      String[] host = hosts[r.nextInt(hosts.length)];
      String scheme = pick(List.of("https", "HTTPS", "Https", "hTtPs"));
      String[] port = pick(List.of(new String[] {"", ""}, new String[] {":443", ""}, new String[] {":8443", ":8443"},
          new String[] {":1", ":1"}, new String[] {":65535", ":65535"}, new String[] {":0443", ""}));
      String path = r.nextInt(4) == 0 ? "" : "/" + randomFrom("abcxyz0189._-/", r.nextInt(30));
      String query = r.nextInt(3) == 0 ? "?" + randomFrom("abc019=&", r.nextInt(20)) : "";
      String input = scheme + "://" + host[0] + port[0] + path + query;
      String canonical = "https://" + host[1] + port[1] + (path.isEmpty() ? "/" : path) + query;
      urlVerdicts.put(input, canonical);
      return input;
    }

    /** Login or password text: ASCII, Unicode, emoji, bidi, colons, control characters, 249/250/251 code points. */
    private String authText(boolean login) {
      if (r.nextInt(10) == 0) {
        return randomToken(8 + r.nextInt(20));
      }
      int length = switch (r.nextInt(10)) {
        case 0, 1, 2, 3, 4 -> 1 + r.nextInt(16);
        case 5, 6 -> 17 + r.nextInt(100);
        case 7, 8 -> 248 + r.nextInt(4);
        default -> 252 + r.nextInt(100);
      };
      boolean controls = r.nextInt(6) == 0;
      boolean unicode = r.nextInt(3) == 0;
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < length; i++) {
        int x = r.nextInt(100);
        if (controls && x < 4) {
          out.append(pick(List.of('\u0000', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f')));
        } else if (unicode && x < 30) {
          out.append(pick(List.of(
              "é", "ß", "Ω", "Ж", "中", "ع", "😀", "𝔘", "𠀀", "\u0301", "\u200b", "\u200d", "\u202e", "\ufeff",
              "\u2028", "\uffff", "\ufffd", "\u00a0")));
        } else {
          out.append((char) (0x20 + r.nextInt(95)));
        }
      }
      String value = out.toString();
      if (login && r.nextBoolean()) {
        value = value.replace(':', ';'); // logins with a colon are refused: keep many valid ones
      }
      return value;
    }

    /** The contract's rule for login and password: fewer than 250 code points, no control characters, login no ':'. */
    static boolean validAuthText(String value, boolean login) {
      if (value.codePointCount(0, value.length()) >= 250) {
        return false;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (login && c == ':')) {
          return false;
        }
      }
      return !hasLoneSurrogate(value);
    }

    // ---------------------------------------------------------------- encoders

    private String form(List<Entry> entries) {
      StringBuilder out = new StringBuilder();
      if (r.nextInt(20) == 0) {
        out.append('&');
      }
      for (int i = 0; i < entries.size(); i++) {
        if (i > 0) {
          out.append(r.nextInt(20) == 0 ? "&&" : "&");
        }
        Entry e = entries.get(i);
        out.append(formComponent(e.name()));
        // a bare name is an empty value; a bare empty name would be no field at all
        if (!(e.value().isEmpty() && !e.name().isEmpty() && r.nextInt(3) == 0)) {
          out.append('=').append(formComponent(e.value()));
        }
      }
      if (r.nextInt(20) == 0) {
        out.append('&');
      }
      return out.toString();
    }

    private String formComponent(String s) {
      boolean rawUnicode = r.nextInt(3) == 0;
      boolean lowerHex = r.nextInt(3) == 0;
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        i += Character.charCount(cp);
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || "-._~".indexOf(cp) >= 0) {
          out.appendCodePoint(cp);
        } else if (cp == ' ') {
          out.append(r.nextBoolean() ? "+" : "%20");
        } else if ((rawUnicode && cp >= 0xa0) || ("!*'()/:@,;$?".indexOf(cp) >= 0 && r.nextBoolean())) {
          out.appendCodePoint(cp);
        } else {
          for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            String hex = String.format("%%%02X", b & 0xff);
            out.append(lowerHex ? hex.toLowerCase(Locale.ROOT) : hex);
          }
        }
      }
      return out.toString();
    }

    private String json(List<Entry> entries) {
      StringBuilder out = new StringBuilder(ws()).append('{').append(ws());
      for (int i = 0; i < entries.size(); i++) {
        Entry e = entries.get(i);
        if (i > 0) {
          out.append(ws()).append(',').append(ws());
        }
        out.append(jsonString(e.name())).append(ws()).append(':').append(ws());
        out.append(e.wrongType() != null ? e.wrongType() : e.value() == null ? "null" : jsonString(e.value()));
      }
      return out.append(ws()).append('}').append(ws()).toString();
    }

    private String ws() {
      return pick(List.of("", "", "", " ", "\n", "\t", "\r\n", "  "));
    }

    private String jsonString(String s) {
      boolean escapeAll = r.nextInt(7) == 0;
      StringBuilder out = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append(r.nextBoolean() ? "\\n" : "\\u000a");
          case '\r' -> out.append(r.nextBoolean() ? "\\r" : "\\u000D");
          case '\t' -> out.append(r.nextBoolean() ? "\\t" : "\\u0009");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          case '/' -> out.append(r.nextInt(3) == 0 ? "\\/" : "/");
          default -> {
            // a surrogate pair is escaped as a whole or not at all
            int units = Character.isHighSurrogate(c) && i + 1 < s.length() ? 2 : 1;
            if (c < 0x20 || escapeAll || (c >= 0x7f && r.nextInt(10) == 0)) {
              for (int u = 0; u < units; u++) {
                String hex = String.format("\\u%04X", (int) s.charAt(i + u));
                out.append(r.nextBoolean() ? hex : "\\u" + hex.substring(2).toLowerCase(Locale.ROOT));
              }
            } else {
              out.append(s, i, i + units);
            }
            i += units - 1;
          }
        }
      }
      return out.append('"').toString();
    }

    private static final String BCHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'()+_,-./:=?";

    private String boundary(List<Entry> entries) {
      for (int attempt = 0; ; attempt++) {
        int length = switch (r.nextInt(10)) {
          case 0 -> 1;
          case 1 -> 70;
          default -> 8 + r.nextInt(40);
        };
        String boundary = attempt > 5 ? "fuzz-" + Long.toHexString(r.nextLong()) : randomFrom(BCHARS, length);
        String delimiter = "--" + boundary;
        boolean clash = entries.stream().anyMatch(e -> e.name().contains(delimiter)
            || (e.value() != null && e.value().contains(delimiter)))
            || "This is the preamble.".contains(delimiter) || "epilogue".contains(delimiter);
        if (!clash) {
          return boundary;
        }
      }
    }

    private Body multipart(List<Entry> entries, String boundary) {
      int lineEnds = r.nextInt(10);
      StringBuilder out = new StringBuilder();
      boolean preamble = r.nextInt(10) == 0;
      if (preamble) {
        out.append("This is the preamble.").append(eol(lineEnds));
      }
      String forced = preamble && entries.isEmpty() ? BODY_INVALID : null;
      List<Entry> parts = new ArrayList<>(entries);
      int fileAt = -1;
      String badPart = null;
      if (r.nextInt(100) < 6) {
        tags.add("multipart-file-part");
        fileAt = r.nextInt(parts.size() + 1);
        parts.add(fileAt, new Entry("webhook_login", "x", null));
        badPart = pick(List.of(
            "; filename=\"notes.txt\"", "; filename*=UTF-8''n%C3%B6tes.txt", "\r\nContent-Type: application/octet-stream",
            "\r\nContent-Type: text/plain; charset=iso-8859-1"));
        forced = BODY_INVALID;
      }
      for (int i = 0; i < parts.size(); i++) {
        Entry e = parts.get(i);
        out.append("--").append(boundary);
        if (r.nextInt(10) == 0) {
          out.append(pick(List.of(" ", "\t", "  ")));
        }
        out.append(eol(lineEnds));
        List<String> headers = new ArrayList<>();
        String name = e.name();
        boolean token = !name.isEmpty() && name.chars().allMatch(c -> isTchar((char) c));
        String nameParam = token && r.nextBoolean()
            ? name : "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String extra = r.nextInt(10) == 0 ? "; foo=bar" : "";
        String disposition = casing("Content-Disposition") + ":" + pick(List.of(" ", "", "  "))
            + pick(List.of("form-data", "Form-Data", "FORM-DATA")) + pick(List.of("; ", ";", " ; ")) + "name="
            + nameParam + extra;
        if (i == fileAt && badPart.startsWith(";")) {
          disposition += badPart;
        }
        headers.add(disposition);
        if (i == fileAt && badPart.startsWith("\r\n")) {
          headers.add(badPart.substring(2));
        } else if (r.nextInt(4) == 0) {
          headers.add(casing("Content-Type") + ": "
              + pick(List.of("text/plain", "text/plain; charset=UTF-8", "Text/Plain;charset=us-ascii", "text/plain; charset=\"utf-8\"")));
        }
        if (r.nextInt(20) == 0) {
          headers.add("Content-Transfer-Encoding: " + pick(List.of("8bit", "binary", "7bit", "8BIT")));
        }
        if (r.nextInt(20) == 0) {
          headers.add("X-Fuzz: " + randomToken(5));
        }
        Collections.shuffle(headers.subList(0, headers.size()), new java.util.Random(r.nextLong()));
        for (String h : headers) {
          out.append(h).append(eol(lineEnds));
        }
        out.append(eol(lineEnds));
        out.append(e.value() == null ? "" : e.value()).append(eol(lineEnds));
      }
      out.append("--").append(boundary).append("--");
      if (r.nextInt(10) == 0) {
        out.append(eol(lineEnds)).append("epilogue");
      } else if (r.nextBoolean()) {
        out.append(eol(lineEnds));
      }
      tags.add("multipart-" + (lineEnds < 7 ? "crlf" : lineEnds < 9 ? "lf" : "mixed-eol"));
      return new Body(out.toString(), entries, forced);
    }

    private String eol(int mode) {
      if (mode < 7) {
        return "\r\n";
      }
      if (mode < 9) {
        return "\n";
      }
      return r.nextBoolean() ? "\r\n" : "\n";
    }

    /** Pads {@code text} to {@code target} UTF-8 bytes where the encoding ignores it. */
    private String padTo(String text, Encoding encoding, int target) {
      int missing = target - utf8Length(text);
      if (missing <= 0) {
        return text;
      }
      return switch (encoding) {
        case FORM -> text + "&".repeat(missing);
        case JSON -> text + " ".repeat(missing);
        default -> text + "x".repeat(missing); // after the closing delimiter: epilogue
      };
    }

    // ---------------------------------------------------------------- Content-Type

    private ContentType contentType(Encoding encoding, String boundary) {
      int x = r.nextInt(100);
      if (x < 10 && encoding != Encoding.MULTIPART || x < 3) {
        tags.add("content-type-absent");
        return new ContentType(pick(Arrays.asList(null, null, "", "  ")), Encoding.SNIFF, null);
      }
      if (x < 20) {
        return badContentType(encoding);
      }
      String value = switch (encoding) {
        case FORM -> pick(List.of(
            "application/x-www-form-urlencoded", "Application/X-WWW-Form-Urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8", "application/x-www-form-urlencoded;charset=utf-8",
            "application/x-www-form-urlencoded ; charset=\"utf8\"", "application/x-www-form-urlencoded; charset=us-ascii",
            "application/x-www-form-urlencoded;"));
        case JSON -> pick(List.of(
            "application/json", "APPLICATION/JSON", "application/json; charset=utf-8", "application/json;charset=UTF-8",
            "application/json ;\tcharset=\"UTF-8\""));
        default -> {
          String b = boundary.chars().allMatch(c -> isTchar((char) c)) && r.nextBoolean()
              ? boundary : "\"" + boundary + "\"";
          yield pick(List.of("multipart/form-data; boundary=", "Multipart/Form-Data; BOUNDARY=",
              "multipart/form-data;boundary=", "multipart/form-data; charset=utf-8; boundary=")) + b;
        }
        case SNIFF -> throw new IllegalArgumentException();
      };
      tags.add("content-type-" + encoding.name().toLowerCase(Locale.ROOT));
      return new ContentType(value, encoding, null);
    }

    private ContentType badContentType(Encoding encoding) {
      if (encoding == Encoding.MULTIPART && r.nextBoolean()) {
        tags.add("content-type-bad-boundary");
        return new ContentType(pick(List.of(
            "multipart/form-data", "multipart/form-data; boundary=\"\"", "multipart/form-data; charset=utf-8",
            "multipart/form-data; boundary=" + "b".repeat(71))), Encoding.MULTIPART, BODY_INVALID);
      }
      tags.add("content-type-unsupported");
      return new ContentType(pick(List.of(
          "text/plain", "application/xml", "application/json-patch+json", "text/json", "*/*", "json",
          "application/json; charset=latin1", "application/json; charset=utf-16",
          "application/x-www-form-urlencoded; charset=ISO-8859-1", "multipart/mixed; boundary=x",
          "application/json; charset=utf-8; charset=utf-8", "application/json; foo", "application /json",
          "application/json; charset=\"utf-8", "\u00e4pplication/json")), null, UNSUPPORTED_CONTENT_TYPE);
    }

    private ContentType anyContentType() {
      return switch (r.nextInt(4)) {
        case 0 -> contentType(Encoding.FORM, null);
        case 1 -> contentType(Encoding.JSON, null);
        case 2 -> badContentType(Encoding.JSON);
        default -> new ContentType(randomText(1 + r.nextInt(30), true), null, null);
      };
    }

    /** The contract's sniffing for a body without a Content-Type: '{' first (after whitespace) is JSON. */
    private static Encoding sniff(String text) {
      String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return c == '{' ? Encoding.JSON : Encoding.FORM;
        }
      }
      return Encoding.FORM;
    }

    // ---------------------------------------------------------------- random text

    private <T> T pick(List<T> items) {
      return items.get(r.nextInt(items.size()));
    }

    private String randomToken(int length) {
      return randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", length);
    }

    private String randomFrom(String alphabet, int length) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        out.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      return out.toString();
    }

    private String randomSecret() {
      return r.nextBoolean() ? "cs_" + randomToken(20 + r.nextInt(20)) : randomText(10 + r.nextInt(30), false);
    }

    /** Any UTF-16 units ({@code anyUnit}: lone surrogates too) or printable ASCII and BMP text. */
    private String randomText(int length, boolean anyUnit) {
      StringBuilder out = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        if (anyUnit) {
          out.append(r.nextBoolean() ? (char) r.nextInt(0x80) : (char) r.nextInt(0x10000));
        } else {
          char c = r.nextBoolean() ? (char) (0x21 + r.nextInt(94)) : (char) (0xa1 + r.nextInt(0xd000));
          out.append(c);
        }
      }
      return out.toString();
    }

    private String hugeText(int length) {
      char c = (char) ('a' + r.nextInt(26));
      return String.valueOf(c).repeat(length);
    }

    // ---------------------------------------------------------------- description

    private String describe(APIGatewayProxyRequestEvent event, Expected expected) {
      StringBuilder out = new StringBuilder();
      out.append(event.getHttpMethod()).append(' ').append(event.getPath())
          .append(" headers=").append(describeHeaders(event.getHeaders()))
          .append(" multiValueHeaders=").append(describeHeaders(event.getMultiValueHeaders()))
          .append(" isBase64Encoded=").append(event.getIsBase64Encoded())
          .append(" body=").append(event.getBody() == null ? "null" : event.getBody().length() + " chars "
              + printable(event.getBody(), 600));
      out.append(" expected=").append(expected == null ? "(open: invariants only)"
          : expected.status() + (expected.message() == null ? "" : " " + expected.message())
              + (expected.reachesStore() ? " (store call)" : " (no store call)"));
      return out.toString();
    }

    private static String describeHeaders(Map<String, ?> headers) {
      if (headers == null) {
        return "null";
      }
      StringBuilder out = new StringBuilder("{");
      headers.forEach((name, value) -> {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(name == null ? "null" : printable(name, 60)).append('=');
        boolean secret = name != null && name.toLowerCase(Locale.ROOT).contains("secret");
        if (value instanceof List<?> list) {
          out.append('[');
          for (int i = 0; i < list.size(); i++) {
            out.append(i > 0 ? ", " : "").append(describeValue((String) list.get(i), secret));
          }
          out.append(']');
        } else {
          out.append(describeValue((String) value, secret));
        }
      });
      return out.append('}').toString();
    }

    private static String describeValue(String value, boolean secret) {
      if (value == null) {
        return "null";
      }
      if (secret) {
        return "<secret, " + value.length() + " chars"
            + (value.strip().equals(ApiFixture.SECRET) ? ", the fixture's SECRET" : "") + ">";
      }
      return printable(value, 80);
    }
  }

  /** {@code s} with everything outside printable ASCII escaped, cut to {@code max} chars. */
  public static String printable(String s, int max) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length() && i < max; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    out.append('"');
    if (s.length() > max) {
      out.append("...(").append(s.length()).append(" chars)");
    }
    return out.toString();
  }

  // ------------------------------------------------------------------------------------------ text helpers

  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  public static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBase64Char(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '=';
  }

  private static boolean isTchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** RFC 4648 base64 (padding optional), or null. */
  static byte[] decodeBase64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Strict UTF-8, or null. */
  static String strictUtf8(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  // ------------------------------------------------------------------------------------------ URL table

  /** The URL table's cases a body can carry (no unpaired surrogate): valid ones with their canonical form. */
  private static final List<WebhookUrlCases.Case> VALID_URLS =
      WebhookUrlCases.all().stream().filter(c -> c.valid() && !c.hasUnpairedSurrogate()).toList();
  private static final List<WebhookUrlCases.Case> INVALID_URLS =
      WebhookUrlCases.all().stream().filter(c -> !c.valid() && !c.hasUnpairedSurrogate()).toList();
}
