package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.store.DynamoDbClients;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.EventBuilder;
import com.web3crm.webhook.testing.Response;
import com.web3crm.webhook.testing.SdkAttempts;
import com.web3crm.webhook.testing.TestDynamoDb;
import com.web3crm.webhook.testing.WebhookHistory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Concurrency, nothing lost: 32 threads × 50 requests on one collection, against the real DynamoDB-compatible
 * server, through ONE instance of each handler and ONE DynamoDbClient built by {@link DynamoDbClients} with the
 * production HTTP, timeout and retry settings (plus an interceptor that only counts attempts). Lambda would give each
 * concurrent request its own environment; sharing is the harder test of our code's thread safety.
 *
 * <p>The store is healthy, so every answer must be 200: a 503 (an attempt or call timed out under load) is counted
 * as an anomaly and printed, not retried or excused. The SDK's attempt counts are printed too, because a write
 * retried after a lost answer may have been applied twice, which would show as {@code version} above the number of
 * successful updates.
 *
 * <p>The requests mix five kinds so that a torn write is visible: set the webhook alone (a URL unique to the
 * request); set login and pass together, both tagged with the request id ({@code L-<id>}, {@code P-<id>}); set all
 * three with one tag; clear login and pass together; read. Since login and pass are only ever written together,
 * a read whose login and pass come from different writes saw a state no single write produced.
 * {@link WebhookHistory} judges every read and the final item; see there for the exact rules.
 */
@ExtendWith(TestDynamoDb.class)
class ConcurrentUpdatesIT {
  private static final String NAME = "[ConcurrentUpdatesIT] ";
  private static final int THREADS = 32;
  private static final int REQUESTS_PER_THREAD = 50;
  private static final long SEED = 20_261_203L;
  private static final List<String> FIELDS =
      List.of(CollectionItem.WEBHOOK, CollectionItem.WEBHOOK_LOGIN, CollectionItem.WEBHOOK_PASS);
  private static final List<Set<String>> LOGIN_AND_PASS =
      List.of(Set.of(CollectionItem.WEBHOOK_LOGIN, CollectionItem.WEBHOOK_PASS));

  /** The request kinds and their share of the mix, in percent. */
  enum Kind {
    WEBHOOK(15), LOGIN_AND_PASS(20), ALL_THREE(15), CLEAR_LOGIN_AND_PASS(10), READ(40);

    final int percent;

    Kind(int percent) {
      this.percent = percent;
    }

    static Kind pick(Random random) {
      int roll = random.nextInt(100);
      for (Kind kind : values()) {
        roll -= kind.percent;
        if (roll < 0) {
          return kind;
        }
      }
      throw new AssertionError("percentages do not add up to 100");
    }
  }

  /** One planned request; {@code sets} maps each field it writes to its value ({@code null} clears). */
  record Planned(String id, Kind kind, Map<String, String> sets) {
    static Planned of(int thread, int n, Kind kind) {
      String id = "t" + thread + "-r" + n;
      Map<String, String> sets = new HashMap<>();
      String webhook = "https://hooks.example.com/t" + thread + "/r" + n;
      switch (kind) {
        case WEBHOOK -> sets.put(CollectionItem.WEBHOOK, webhook);
        case LOGIN_AND_PASS -> {
          sets.put(CollectionItem.WEBHOOK_LOGIN, "L-" + id);
          sets.put(CollectionItem.WEBHOOK_PASS, "P-" + id);
        }
        case ALL_THREE -> {
          sets.put(CollectionItem.WEBHOOK, webhook);
          sets.put(CollectionItem.WEBHOOK_LOGIN, "L-" + id);
          sets.put(CollectionItem.WEBHOOK_PASS, "P-" + id);
        }
        case CLEAR_LOGIN_AND_PASS -> {
          sets.put(CollectionItem.WEBHOOK_LOGIN, null);
          sets.put(CollectionItem.WEBHOOK_PASS, null);
        }
        case READ -> {}
      }
      return new Planned(id, kind, sets);
    }

    /**
     * The event: a form body for single-field and pair updates, JSON for the other two (JSON {@code null} clears),
     * so both decoders run concurrently.
     */
    APIGatewayProxyRequestEvent event() {
      EventBuilder builder = kind == Kind.READ ? EventBuilder.get() : EventBuilder.post();
      builder.credentials(KEY, SECRET);
      return switch (kind) {
        case READ -> builder.build();
        case WEBHOOK, LOGIN_AND_PASS -> builder.form(formBody()).build();
        case ALL_THREE, CLEAR_LOGIN_AND_PASS -> builder.json(jsonBody()).build();
      };
    }

    private String formBody() {
      List<String> pairs = new ArrayList<>();
      new TreeMap<>(sets).forEach((field, value) -> pairs.add(field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
      return String.join("&", pairs);
    }

    private String jsonBody() {
      List<String> members = new ArrayList<>();
      new TreeMap<>(sets).forEach((field, value) -> members.add("\"" + field + "\":" + (value == null ? "null" : "\"" + value + "\"")));
      return "{" + String.join(",", members) + "}";
    }
  }

  /** A request as it ran: when (System.nanoTime around the handler call) and what it answered. */
  record Outcome(Planned request, long startNanos, long endNanos, Response response) {
    long millis() {
      return (endNanos - startNanos) / 1_000_000;
    }
  }

  @Test
  void thirtyTwoThreadsUpdatingAndReadingOneCollection_loseNoUpdate_andNoReadSeesAStateNoSingleWriteProduced(
      TestDynamoDb db) throws Exception {
    List<List<Planned>> plan = plan();
    List<Outcome> outcomes;
    Map<String, AttributeValue> before;
    Map<String, AttributeValue> after;
    List<CapturingContext> contexts = new ArrayList<>();
    AtomicLong released = new AtomicLong();
    SdkAttempts sdk = new SdkAttempts();
    try (ApiFixture api = new ApiFixture(db);
        DynamoDbClient client = DynamoDbClients.create(db.config(api.table), TestDynamoDb.credentials(), List.of(sdk))) {
      CollectionStore store = new CollectionStore(client, api.table);
      RegisterWebhookHandler register = new RegisterWebhookHandler(store, Clock.systemUTC());
      GetWebhookHandler get = new GetWebhookHandler(store);
      before = api.storedItem(KEY);

      outcomes = runTogether(plan, register, get, contexts, released);
      after = api.storedItem(KEY);
    }
    long lastEnd = outcomes.stream().mapToLong(Outcome::endNanos).max().orElseThrow();
    long elapsedMs = (lastEnd - released.get()) / 1_000_000;

    List<String> anomalies = new ArrayList<>();
    List<WebhookHistory.Write> writes = new ArrayList<>();
    List<WebhookHistory.Read> reads = new ArrayList<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Outcome o : outcomes) {
      Response r = o.response();
      statuses.merge(r.status(), 1, Integer::sum);
      if (r.status() != 200) {
        anomalies.add(o.request().id() + " " + o.request().kind() + " answered " + r.status() + " after "
            + o.millis() + " ms under a healthy store: " + r.body());
      }
      if (o.request().kind() == Kind.READ) {
        if (r.status() == 200) {
          readOf(o, anomalies).ifPresent(reads::add);
        }
      } else {
        if (r.status() == 200 && !r.body().equals("{\"status\":true,\"message\":\"updated\"}")) {
          anomalies.add(o.request().id() + " answered 200 with " + r.body());
        }
        writes.add(new WebhookHistory.Write(
            o.request().id(), o.request().sets(), o.startNanos(), o.endNanos(), r.status()));
      }
    }
    WebhookHistory history = new WebhookHistory(FIELDS, LOGIN_AND_PASS, writes);
    for (WebhookHistory.Read read : reads) {
      anomalies.addAll(history.check(read));
    }
    Map<String, String> finalFields = new HashMap<>();
    for (String field : FIELDS) {
      finalFields.put(field, after.containsKey(field) ? after.get(field).s() : null);
    }
    long version = after.containsKey(CollectionItem.VERSION) ? Long.parseLong(after.get(CollectionItem.VERSION).n()) : 0;
    long resent = sdk.attempts("UpdateItem") - sdk.calls("UpdateItem");
    anomalies.addAll(history.checkFinal(finalFields, version, resent));
    for (String kept : List.of(CollectionItem.API_KEY, CollectionItem.COLLECTION_ID, CollectionItem.SECRET_HASH,
        CollectionItem.STATUS, CollectionItem.CREATED_AT)) {
      if (!before.get(kept).equals(after.get(kept))) {
        anomalies.add("final item: " + kept + " changed from " + before.get(kept) + " to " + after.get(kept));
      }
    }
    int logLines = contexts.stream().mapToInt(c -> c.logLines.size()).sum();
    if (logLines != outcomes.size()) {
      anomalies.add(outcomes.size() + " requests wrote " + logLines + " log lines, not one each");
    }

    long posts = outcomes.stream().filter(o -> o.request().kind() != Kind.READ).count();
    long successes = outcomes.stream().filter(o -> o.response().status() == 200).count();
    long postSuccesses = writes.stream().filter(w -> w.status() == 200).count();
    Map<Kind, Integer> mix = new EnumMap<>(Kind.class);
    plan.stream().flatMap(List::stream).forEach(p -> mix.merge(p.kind(), 1, Integer::sum));
    System.out.println(NAME + "seed=" + SEED + " threads=" + THREADS + " x " + REQUESTS_PER_THREAD + " mix=" + mix);
    System.out.println(NAME + "requests=" + outcomes.size() + " posts=" + posts + " gets=" + (outcomes.size() - posts)
        + " successes=" + successes + " anomalies=" + anomalies.size() + " version=" + version
        + " elapsed=" + elapsedMs + " ms");
    System.out.println(NAME + "statuses=" + statuses + " successful posts=" + postSuccesses
        + " final " + finalFields.get(CollectionItem.WEBHOOK) + " login=" + finalFields.get(CollectionItem.WEBHOOK_LOGIN));
    System.out.println(NAME + "latency ms POST " + percentiles(outcomes, false) + "; GET " + percentiles(outcomes, true));
    System.out.println(NAME + "SDK " + sdk);
    anomalies.stream().limit(50).forEach(a -> System.out.println(NAME + "anomaly: " + a));

    assertThat(outcomes).hasSize(THREADS * REQUESTS_PER_THREAD);
    if (resent > 0) {
      System.out.println(NAME + "note: the SDK re-sent " + resent + " UpdateItem attempt(s) after a timeout or error;"
          + " version exceeds the successful updates by " + (version - postSuccesses)
          + " (a re-sent write that DynamoDB had applied counts twice; see docs/API.md)");
    }
    assertThat(version).as("version = number of successful updates (+ at most the re-sent attempts)")
        .isBetween(postSuccesses, postSuccesses + resent);
    assertThat(anomalies).isEmpty();
  }

  /**
   * Runs each thread's requests on its own thread, all released at once by a barrier (whose release time goes
   * into {@code released}); each thread has its own Lambda context, all share the two handlers.
   */
  private static List<Outcome> runTogether(
      List<List<Planned>> plan,
      RegisterWebhookHandler register,
      GetWebhookHandler get,
      List<CapturingContext> contexts,
      AtomicLong released) throws Exception {
    CyclicBarrier start = new CyclicBarrier(plan.size(), () -> released.set(System.nanoTime()));
    ExecutorService pool = Executors.newFixedThreadPool(plan.size());
    try {
      List<Future<List<Outcome>>> running = new ArrayList<>();
      for (List<Planned> requests : plan) {
        CapturingContext context = new CapturingContext();
        contexts.add(context);
        running.add(pool.submit(() -> {
          List<Outcome> done = new ArrayList<>();
          start.await();
          for (Planned request : requests) {
            APIGatewayProxyRequestEvent event = request.event();
            long begin = System.nanoTime();
            var answer = request.kind() == Kind.READ
                ? get.handleRequest(event, context)
                : register.handleRequest(event, context);
            long end = System.nanoTime();
            done.add(new Outcome(request, begin, end, Response.of(answer)));
          }
          return done;
        }));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<List<Outcome>> thread : running) {
        outcomes.addAll(thread.get(5, TimeUnit.MINUTES)); // a guard against a hang, not a time requirement
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The same mix every run: one seeded generator, thread by thread. */
  private static List<List<Planned>> plan() {
    Random random = new Random(SEED);
    List<List<Planned>> plan = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<Planned> requests = new ArrayList<>();
      for (int n = 0; n < REQUESTS_PER_THREAD; n++) {
        requests.add(Planned.of(t, n, Kind.pick(random)));
      }
      plan.add(requests);
    }
    return plan;
  }

  /** A GET answer as a read, after checking its shape: exactly the three fields, each a string or null. */
  private static Optional<WebhookHistory.Read> readOf(Outcome o, List<String> anomalies) {
    JsonNode json = o.response().json();
    JsonNode data = json.get("data");
    List<String> names = new ArrayList<>();
    if (data != null) {
      data.fieldNames().forEachRemaining(names::add);
    }
    if (!json.path("status").asBoolean(false) || data == null
        || !names.stream().sorted().toList().equals(FIELDS.stream().sorted().toList())) {
      anomalies.add(o.request().id() + " GET answered an unexpected shape: " + o.response().body());
      return Optional.empty();
    }
    Map<String, String> seen = new HashMap<>();
    for (String field : FIELDS) {
      JsonNode value = data.get(field);
      if (!value.isNull() && !value.isTextual()) {
        anomalies.add(o.request().id() + " GET answered a non-string " + field + ": " + o.response().body());
        return Optional.empty();
      }
      seen.put(field, value.isNull() ? null : value.asText());
    }
    return Optional.of(new WebhookHistory.Read(o.request().id(), seen, o.startNanos(), o.endNanos()));
  }

  private static String percentiles(List<Outcome> outcomes, boolean reads) {
    long[] ms = outcomes.stream()
        .filter(o -> (o.request().kind() == Kind.READ) == reads)
        .mapToLong(Outcome::millis).sorted().toArray();
    if (ms.length == 0) {
      return "none";
    }
    return "p50=" + ms[ms.length / 2] + " p99=" + ms[(int) Math.min(ms.length - 1, Math.round(ms.length * 0.99))]
        + " max=" + Arrays.stream(ms).max().orElseThrow();
  }
}
