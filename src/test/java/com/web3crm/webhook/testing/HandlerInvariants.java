package com.web3crm.webhook.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.testing.HostileEvents.Expected;
import com.web3crm.webhook.testing.HostileEvents.Generated;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The properties every answer of both handlers must have, whatever the input (from {@code docs/API.md}), checked
 * on one observed request. Pure: the caller runs the handler and reads the store; this only compares.
 *
 * <ul>
 *   <li>nothing escapes the handler; the status is 200 or 400 (the store is healthy);
 *   <li>{@code Content-Type: application/json; charset=utf-8}, {@code Cache-Control: no-store}, a text body that
 *       is strict JSON in the contract's shape for its status and route, a 400 message from the documented set;
 *   <li>where the generator knows the answer: that status and message, and whether DynamoDB is called;
 *   <li>at most one DynamoDB call, exactly one for a 200;
 *   <li>a 400 or a GET leaves the stored item identical; a 200 POST adds exactly 1 to {@code version}, changes
 *       exactly the fields the request set or cleared and nothing else but {@code updated_at}; a 200 GET returns
 *       what is stored, byte for byte;
 *   <li>exactly one log line, made only of fixed text and the stored collection id, that never holds an
 *       api_secret, a webhook_pass or the body; with {@code dynamodb_latency_ms} exactly when DynamoDB was called,
 *       {@code collection_id} (the stored one) exactly on a 200, and valid Embedded Metric Format metadata whose
 *       metrics say the same (one request, its error counts, its latencies, a 400 counted by its reason);
 *   <li>a 400 never repeats a random secret or password the request carried.
 * </ul>
 */
public final class HandlerInvariants {
  private HandlerInvariants() {}

  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  private static final Set<String> ITEM_ATTRIBUTES =
      Set.of("api_key", "collection_id", "secret_hash", "status", "created_at", "updated_at", "version", "webhook",
          "webhook_login", "webhook_pass");
  private static final Set<String> LOG_KEYS = Set.of("timestamp", "level", "request_id", "route", "status", "reason",
      "collection_id", "latency_ms", "dynamodb_latency_ms", "Requests", "ClientErrors", "ServerErrors", "Latency",
      "DynamoDbLatency", "_aws");
  private static final Set<String> REQUIRED_LOG_KEYS = Set.of("timestamp", "level", "request_id", "route", "status",
      "latency_ms", "Requests", "ClientErrors", "ServerErrors", "Latency", "_aws");
  /** The metrics namespace of lines written without METRICS_NAMESPACE (tests). */
  private static final String NAMESPACE = "CrmWebhook";
  private static final Pattern REQUEST_ID = Pattern.compile("test-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String POST_ROUTE = "POST /crm_register_webhook";
  private static final String GET_ROUTE = "GET /crm_get_webhook";
  /** Every text that may stand in a log line besides the request id and the latency. */
  private static final List<String> LOG_VOCABULARY = logVocabulary();

  private static final ObjectMapper STRICT_JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * One request as observed.
   *
   * @param response null when the handler threw
   * @param thrown what escaped the handler, or null
   * @param logLines the lines the handler logged for this request
   * @param storeCalls DynamoDB calls the handler made for this request
   * @param before the stored item (of the seeded active collection) before the request
   * @param after the same item after it
   * @param decodedChange for a 200 POST whose outcome the generator left open: the change the body decodes to
   *     (field → cleared or set value; absent = kept), or null if the decoder refuses the body
   */
  public record Observation(
      Generated generated,
      APIGatewayProxyResponseEvent response,
      Throwable thrown,
      List<String> logLines,
      int storeCalls,
      Map<String, AttributeValue> before,
      Map<String, AttributeValue> after,
      Map<String, Optional<String>> decodedChange) {}

  /** Every property the observation breaks, as readable lines; empty when it holds them all. */
  public static List<String> violations(Observation o) {
    List<String> out = new ArrayList<>();
    Generated g = o.generated();
    if (o.thrown() != null) {
      out.add("the handler threw " + o.thrown());
      checkUnchanged(o, out);
      return out;
    }
    APIGatewayProxyResponseEvent response = o.response();
    if (response == null) {
      out.add("the handler returned null");
      return out;
    }
    int status = response.getStatusCode() == null ? -1 : response.getStatusCode();
    String body = response.getBody();
    if (status != 200 && status != 400) {
      out.add("status " + status + " (only 200 or 400 while the store is healthy): " + HostileEvents.printable(body, 300));
    }
    Map<String, String> headers = response.getHeaders();
    if (headers == null || !CONTENT_TYPE.equals(headers.get("Content-Type"))) {
      out.add("Content-Type is not '" + CONTENT_TYPE + "': " + headers);
    }
    if (headers == null || !"no-store".equals(headers.get("Cache-Control"))) {
      out.add("Cache-Control is not 'no-store': " + headers);
    }
    if (Boolean.TRUE.equals(response.getIsBase64Encoded())) {
      out.add("the answer is base64-encoded");
    }
    JsonNode json = parse(body);
    String message = null;
    if (json == null) {
      out.add("the body is not strict JSON: " + HostileEvents.printable(body, 300));
    } else if (status == 400) {
      message = checkErrorShape(json, out);
    } else if (status == 200 && g.post()) {
      if (!json.equals(parse("{\"status\":true,\"message\":\"updated\"}"))) {
        out.add("a 200 POST body is not exactly {\"status\":true,\"message\":\"updated\"}: " + body);
      }
    } else if (status == 200) {
      checkGetShape(json, out);
    }

    Expected expected = g.expected();
    if (expected != null) {
      if (expected.status() != status || !Objects.equals(expected.message(), message)) {
        out.add("expected " + expected.status() + (expected.message() == null ? "" : " '" + expected.message() + "'")
            + " but got " + status + (message == null ? "" : " '" + message + "'"));
      }
      if (expected.reachesStore() != (o.storeCalls() == 1)) {
        out.add("expected " + (expected.reachesStore() ? "one DynamoDB call" : "no DynamoDB call") + ", made "
            + o.storeCalls());
      }
    }
    if (o.storeCalls() > 1 || (status == 200 && o.storeCalls() != 1)) {
      out.add(o.storeCalls() + " DynamoDB calls for a " + status + " (at most one; exactly one for a 200)");
    }

    if (status == 200 && g.post()) {
      Map<String, Optional<String>> change = expected != null ? expected.change() : o.decodedChange();
      if (change == null) {
        out.add("answered 200 although the body does not decode to a valid change");
      } else {
        checkUpdate(o.before(), o.after(), change, out);
      }
    } else {
      checkUnchanged(o, out);
      if (status == 200 && json != null && json.path("data").isObject()) {
        checkReadBack(json.get("data"), o.after(), out);
      }
    }

    checkLog(o, status, message, out);
    if (status == 400 && json != null) {
      // The contract lets a message show a plain field name (even one that happens to hold the password) and a
      // detail quote the Content-Type; nothing else a client sent may come back.
      String messageText = message == null ? json.path("message").asText("") : message.replace(shownName(message), "");
      String detail = WRONG_TYPE_DETAIL.matcher(json.path("detail").asText("")).replaceFirst("field  must");
      for (String needle : g.answerNeedles()) {
        boolean inDetail = detail.contains(needle) && g.echoable().stream().noneMatch(e -> e.contains(needle));
        if (messageText.contains(needle) || inDetail) {
          out.add("the 400 answer repeats a secret or password the request carried");
        }
      }
    }
    return out;
  }

  private static final Pattern SHOWN_NAME =
      Pattern.compile("(?:unknown field|ambiguous input): ([A-Za-z0-9_.-]{1,64})[; ].*");

  /** The one detail that shows a field name (a plain one): a JSON value of the wrong type. */
  private static final Pattern WRONG_TYPE_DETAIL = Pattern.compile("^field [A-Za-z0-9_.-]{1,64} must");

  /** The plain field name a message shows, or "". */
  private static String shownName(String message) {
    var m = SHOWN_NAME.matcher(message);
    return m.matches() ? m.group(1) : "";
  }

  private static String checkErrorShape(JsonNode json, List<String> out) {
    if (!json.isObject()) {
      out.add("a 400 body is not an object: " + json);
      return null;
    }
    Set<String> keys = keys(json);
    keys.removeAll(Set.of("status", "message", "detail"));
    if (!keys.isEmpty()) {
      out.add("a 400 body has keys beyond status, message, detail: " + keys);
    }
    if (!json.path("status").isBoolean() || json.get("status").booleanValue()) {
      out.add("a 400 body's status is not false: " + json.get("status"));
    }
    JsonNode detail = json.get("detail");
    if (detail != null && !detail.isTextual()) {
      out.add("a 400 body's detail is not a string: " + detail);
    }
    JsonNode message = json.get("message");
    if (message == null || !message.isTextual() || message.textValue().isEmpty()) {
      out.add("a 400 body's message is not a non-empty string: " + message);
      return null;
    }
    if (!ContractMessages.documented(message.textValue())) {
      out.add("a 400 message the contract does not document: " + HostileEvents.printable(message.textValue(), 200));
    }
    return message.textValue();
  }

  private static void checkGetShape(JsonNode json, List<String> out) {
    if (!json.isObject() || !keys(json).equals(Set.of("status", "data"))) {
      out.add("a 200 GET body does not have exactly status and data: " + json);
      return;
    }
    if (!json.get("status").isBoolean() || !json.get("status").booleanValue()) {
      out.add("a 200 GET body's status is not true");
    }
    JsonNode data = json.get("data");
    if (!data.isObject() || !keys(data).equals(Set.of("webhook", "webhook_pass", "webhook_login"))) {
      out.add("a 200 GET body's data does not have exactly webhook, webhook_pass, webhook_login: " + keys(data));
      return;
    }
    data.forEach(v -> {
      if (!v.isTextual() && !v.isNull()) {
        out.add("a 200 GET data value is neither a string nor null: " + v.getNodeType());
      }
    });
  }

  private static void checkReadBack(JsonNode data, Map<String, AttributeValue> stored, List<String> out) {
    for (String field : HostileEvents.FIELDS) {
      JsonNode returned = data.get(field);
      String answer = returned == null || returned.isNull() ? null : returned.textValue();
      String value = s(stored, field);
      if (!Objects.equals(answer, value)) {
        out.add("GET returned " + field + "=" + HostileEvents.printable(answer, 80) + " but the store holds "
            + HostileEvents.printable(value, 80));
      }
    }
  }

  private static void checkUnchanged(Observation o, List<String> out) {
    if (!o.after().equals(o.before())) {
      out.add("the stored item changed although the request was not a successful POST: " + diff(o.before(), o.after()));
    }
  }

  private static void checkUpdate(
      Map<String, AttributeValue> before,
      Map<String, AttributeValue> after,
      Map<String, Optional<String>> change,
      List<String> out) {
    BigInteger oldVersion = n(before, "version");
    BigInteger newVersion = n(after, "version");
    if (oldVersion == null || newVersion == null || !newVersion.equals(oldVersion.add(BigInteger.ONE))) {
      out.add("version went from " + oldVersion + " to " + newVersion + " (a 200 POST adds exactly 1)");
    }
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String name : names) {
      if (!ITEM_ATTRIBUTES.contains(name)) {
        out.add("the item holds an unknown attribute " + name);
      } else if (!Set.of("version", "updated_at", "webhook", "webhook_login", "webhook_pass").contains(name)
          && !Objects.equals(before.get(name), after.get(name))) {
        out.add("a 200 POST changed " + name);
      }
    }
    String updatedAt = s(after, "updated_at");
    try {
      Instant.parse(updatedAt);
    } catch (DateTimeParseException | NullPointerException e) {
      out.add("updated_at is not an ISO-8601 instant: " + updatedAt);
    }
    for (String field : HostileEvents.FIELDS) {
      Optional<String> wanted = change.get(field);
      if (wanted == null) {
        if (!Objects.equals(before.get(field), after.get(field))) {
          out.add(field + " was absent from the request but changed");
        }
      } else if (wanted.isEmpty()) {
        if (after.containsKey(field)) {
          out.add(field + " was sent empty but is still stored");
        }
      } else if (!wanted.get().equals(s(after, field))) {
        out.add(field + " stored as " + HostileEvents.printable(s(after, field), 120) + ", expected "
            + HostileEvents.printable(wanted.get(), 120));
      }
    }
  }

  private static void checkLog(Observation o, int status, String message, List<String> out) {
    if (o.logLines().size() != 1) {
      out.add("expected exactly one log line, got " + o.logLines().size());
    }
    String route = o.generated().post() ? POST_ROUTE : GET_ROUTE;
    String collectionId = s(o.after(), "collection_id");
    for (String line : o.logLines()) {
      JsonNode log = parse(line);
      if (log == null || !log.isObject()) {
        out.add("a log line is not a JSON object: " + HostileEvents.printable(line, 300));
        continue;
      }
      Set<String> keys = keys(log);
      if (!LOG_KEYS.containsAll(keys) || !keys.containsAll(REQUIRED_LOG_KEYS)) {
        out.add("log line keys " + keys);
      }
      if (!log.path("level").asText().equals(status >= 500 ? "ERROR" : "INFO")) {
        out.add("log level " + log.path("level") + " for status " + status);
      }
      if (!log.path("route").asText().equals(route)) {
        out.add("log route " + log.path("route"));
      }
      if (!log.path("status").isInt() || log.path("status").intValue() != status) {
        out.add("log status " + log.path("status") + " for an answer " + status);
      }
      if (!REQUEST_ID.matcher(log.path("request_id").asText()).matches()) {
        out.add("log request_id " + HostileEvents.printable(log.path("request_id").asText(), 80));
      }
      try {
        Instant.parse(log.path("timestamp").asText());
      } catch (DateTimeParseException e) {
        out.add("log timestamp is not an ISO-8601 instant: " + log.path("timestamp"));
      }
      if (!log.path("latency_ms").isNumber() || log.path("latency_ms").doubleValue() < 0) {
        out.add("log latency_ms is not a duration");
      }
      JsonNode dynamoDb = log.get("dynamodb_latency_ms");
      if ((dynamoDb != null) != (o.storeCalls() > 0)) {
        out.add("log dynamodb_latency_ms is " + (dynamoDb == null ? "absent" : "present") + " after " + o.storeCalls()
            + " DynamoDB call(s)");
      } else if (dynamoDb != null && (!dynamoDb.isNumber() || dynamoDb.doubleValue() < 0)) {
        out.add("log dynamodb_latency_ms is not a duration: " + dynamoDb);
      }
      JsonNode collection = log.get("collection_id");
      if (status == 200 && (collection == null || !collection.asText().equals(collectionId))) {
        out.add("a 200's log collection_id is " + collection + ", the stored one " + collectionId);
      } else if (status != 200 && collection != null) {
        out.add("a " + status + "'s log names a collection: the credentials were not proven");
      }
      JsonNode reason = log.get("reason");
      if (status == 200 && reason != null) {
        out.add("a 200 has a log reason");
      }
      if (status == 400 && message != null
          && (reason == null || !reason.asText().equals(ContractMessages.fixedPart(message)))) {
        out.add("log reason " + HostileEvents.printable(reason == null ? null : reason.asText(), 200)
            + " is not the fixed part of the message");
      }
      checkMetrics(log, route, status, out);
      // look in the line's decoded values (escapes undone), not its raw text: a needle such as the body
      // {@code webhook"} occurs in the raw line only by straddling a fixed value and JSON punctuation
      List<String> values = new ArrayList<>();
      collectText(log, values);
      for (String needle : o.generated().logNeedles()) {
        if (needle.length() >= 6
            && LOG_VOCABULARY.stream().noneMatch(v -> v.contains(needle))
            && (collectionId == null || !collectionId.contains(needle))
            && values.stream().anyMatch(v -> v.contains(needle))) {
          out.add("the log line holds a secret, a password or the body: " + HostileEvents.printable(line, 300));
        }
      }
    }
  }

  /** The EMF metadata is valid and its metrics tell this request: one request, its error count, its latencies. */
  private static void checkMetrics(JsonNode log, String route, int status, List<String> out) {
    List<String> emf = EmfDocument.violations(log);
    if (!emf.isEmpty()) {
      out.addAll(emf);
      return;
    }
    Map<String, Double> byRoute = new java.util.TreeMap<>();
    Map<String, Double> byReason = new java.util.TreeMap<>();
    for (EmfDocument.Datapoint point : EmfDocument.datapoints(log)) {
      if (!point.namespace().equals(NAMESPACE)) {
        out.add("EMF namespace " + point.namespace());
      }
      if (point.dimensions().equals(Map.of("route", route))) {
        byRoute.put(point.metric(), point.value());
      } else if (point.dimensions().equals(Map.of("route", route, "reason", log.path("reason").asText()))) {
        byReason.put(point.metric(), point.value());
      } else {
        out.add("EMF dimensions " + point.dimensions());
      }
    }
    Map<String, Double> expected = new java.util.TreeMap<>(Map.of(
        "Requests", 1.0,
        "ClientErrors", status / 100 == 4 ? 1.0 : 0.0,
        "ServerErrors", status / 100 == 5 ? 1.0 : 0.0,
        "Latency", log.path("latency_ms").doubleValue()));
    if (log.has("dynamodb_latency_ms")) {
      expected.put("DynamoDbLatency", log.path("dynamodb_latency_ms").doubleValue());
    }
    if (!byRoute.equals(expected)) {
      out.add("EMF metrics by route " + byRoute + ", expected " + expected);
    }
    Map<String, Double> expectedByReason = status / 100 == 4 ? Map.of("ClientErrors", 1.0) : Map.of();
    if (!byReason.equals(expectedByReason)) {
      out.add("EMF metrics by route and reason " + byReason + ", expected " + expectedByReason);
    }
  }

  /** Every string value of the line, at any depth, but the request id and the timestamp (the code's own). */
  private static void collectText(JsonNode node, List<String> values) {
    node.properties().forEach(field -> {
      JsonNode value = field.getValue();
      if (value.isTextual() && !field.getKey().equals("request_id") && !field.getKey().equals("timestamp")) {
        values.add(value.textValue());
      } else if (value.isContainerNode()) {
        collectContainer(value, values);
      }
    });
  }

  private static void collectContainer(JsonNode node, List<String> values) {
    if (node.isObject()) {
      collectText(node, values);
    } else {
      node.forEach(element -> {
        if (element.isTextual()) {
          values.add(element.textValue());
        } else if (element.isContainerNode()) {
          collectContainer(element, values);
        }
      });
    }
  }

  private static List<String> logVocabulary() {
    List<String> vocabulary = new ArrayList<>(List.of(
        "INFO", "ERROR", POST_ROUTE, GET_ROUTE, "unknown field", "ambiguous input", "internal error", NAMESPACE,
        "Milliseconds"));
    vocabulary.addAll(LOG_KEYS);
    ContractMessages.FIXED.forEach(m -> vocabulary.add(ContractMessages.fixedPart(m)));
    return List.copyOf(vocabulary);
  }

  // ------------------------------------------------------------------------------------------ helpers

  static JsonNode parse(String text) {
    if (text == null) {
      return null;
    }
    try {
      return STRICT_JSON.readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  private static String s(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  private static BigInteger n(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    try {
      return value == null || value.n() == null ? null : new BigInteger(value.n());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Which attributes differ, values shown short (passwords included: they are generated throwaway values). */
  static String diff(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    StringBuilder out = new StringBuilder();
    for (String name : names) {
      if (!Objects.equals(before.get(name), after.get(name))) {
        out.append(name).append(": ").append(show(before.get(name))).append(" -> ").append(show(after.get(name)))
            .append("; ");
      }
    }
    return out.toString();
  }

  private static String show(AttributeValue value) {
    if (value == null) {
      return "(absent)";
    }
    return value.s() != null ? HostileEvents.printable(value.s(), 60) : String.valueOf(value);
  }
}
