package com.web3crm.webhook.it;

import static com.web3crm.webhook.testing.ApiFixture.KEY;
import static com.web3crm.webhook.testing.ApiFixture.REVOKED_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.body.RequestBody;
import com.web3crm.webhook.rules.FieldChange;
import com.web3crm.webhook.rules.WebhookChange;
import com.web3crm.webhook.testing.ApiFixture;
import com.web3crm.webhook.testing.CapturingContext;
import com.web3crm.webhook.testing.HandlerInvariants;
import com.web3crm.webhook.testing.HandlerInvariants.Observation;
import com.web3crm.webhook.testing.HostileEvents;
import com.web3crm.webhook.testing.HostileEvents.Generated;
import com.web3crm.webhook.testing.SecretLedger;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Property-based test of both handlers against the real store: {@link HostileEvents} generates API Gateway v1
 * events (hostile header maps, bodies in every encoding with random corruption, 1 MiB bodies, random webhook,
 * login and password values), both handlers answer them with a store on a real DynamoDB-compatible server, and
 * {@link HandlerInvariants} checks each answer: never a throw, 200 or 400 only, the contract's JSON shape, the
 * answer the contract gives where the generator knows it, a 400 or GET never changes the stored item (compared
 * before/after on the real store), a 200 POST changes it exactly as asked, a log line with no secret in it.
 *
 * <p><b>Properties</b> (Maven passes {@code -D} options on to the test JVM):
 * <ul>
 *   <li>{@code fuzz.events} — how many events (default {@value #DEFAULT_EVENTS});
 *   <li>{@code fuzz.seed} — the run's seed, decimal or {@code 0x} hex (default: a new random seed each run);
 *   <li>{@code fuzz.replay} — comma-separated event seeds: run just those events, on a fresh store (each event
 *       and its answer in full go to {@code target/handler-properties/replayed-events.txt}).
 * </ul>
 *
 * <p><b>Seeds.</b> The run seed feeds a {@link SplittableRandom} that hands each event its own seed, and an event
 * is built from its seed alone. So {@code -Dfuzz.seed=S -Dfuzz.events=N} repeats a run event for event (the store
 * goes through the same states, since only the handlers write to it), and {@code -Dfuzz.replay=E} rebuilds one
 * failing event from the seed its failure printed. The default seed is random, so every {@code mvn verify} tries
 * events no earlier run tried; that costs nothing in reproducibility, because the seed is printed before the
 * first event and again in the failure message. A fixed default would re-run the same 10,000 events forever and
 * add no coverage after the first run.
 *
 * <p><b>One test, not one dynamic test per event.</b> 10,000 (or 1,000,000) dynamic tests would put as many
 * entries into the Failsafe XML report and JUnit's per-test overhead into every event. One test runs all events,
 * keeps going after a failure, and fails at the end with the first {@value #MAX_REPORTED} failures, each with its
 * event seed, what went wrong and the event, and the total count.
 *
 * <p><b>Long run</b> (1,000,000 events; see the README):
 * {@code bin/test -Dit.test=HandlerPropertiesIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 * -Dfuzz.events=1000000}.
 */
@ExtendWith(TestDynamoDb.class)
class HandlerPropertiesIT {
  private static final String NAME = "[HandlerPropertiesIT]";
  static final int DEFAULT_EVENTS = 10_000;
  static final int MAX_REPORTED = 10;
  /** Every this many events the stored item is read back even when the handler made no DynamoDB call. */
  static final int SPOT_CHECK = 16;
  /** How many passing events' secrets, passwords and bodies go into the run's SecretLedger. */
  static final int LEDGER_SAMPLE = 1_000;
  private static final Path REPLAY_DUMP =
      TestDynamoDb.projectDir().resolve("target/handler-properties/replayed-events.txt");

  /** Tags a run of at least this many events must have hit, or the generator has gone blind somewhere. */
  private static final int COVERAGE_MIN_EVENTS = 10_000;
  private static final List<String> MUST_COVER =
      List.of(
          "POST", "GET", "GET-with-body", "encoding-form", "encoding-json", "encoding-multipart", "base64", "text",
          "body-clean", "body-hostile", "body-at-limit", "body-1MiB", "hostile-1MiB", "hostile-not-base64",
          "hostile-bad-percent", "hostile-truncated-multipart", "hostile-invalid-utf8", "hostile-json-shape",
          "hostile-mutated", "json-wrong-type", "repeated-field-same", "repeated-field-different", "unknown-field",
          "field-clear", "null-maps", "null-single-map", "null-multi-map", "header-single-only", "header-multi-only",
          "header-repeated", "header-null-value", "header-conflict", "huge-header", "content-type-absent",
          "content-type-unsupported", "content-type-bad-boundary", "creds-valid", "creds-wrong-secret",
          "creds-unknown-key", "creds-revoked", "creds-missing", "creds-malformed-key", "creds-huge",
          "webhook-valid-table", "webhook-invalid-table", "webhook-valid-built", "webhook-length-limit",
          "multipart-file-part", "predicted", "open");

  @Test
  void generatedEvents_neverThrowNor5xx_answerInTheContractsShape_andOnlyA200PostChangesTheStore(TestDynamoDb db) {
    String replay = System.getProperty("fuzz.replay", "").strip();
    long runSeed = replay.isEmpty() ? seedProperty() : 0;
    int events = replay.isEmpty() ? Integer.parseInt(System.getProperty("fuzz.events", "" + DEFAULT_EVENTS).strip()) : 0;
    long[] replaySeeds = replay.isEmpty() ? null
        : Arrays.stream(replay.split(",")).map(String::strip).mapToLong(HandlerPropertiesIT::parseSeed).toArray();
    if (replaySeeds != null) {
      events = replaySeeds.length;
      System.out.println(NAME + " replaying " + events + " event(s): " + replay);
    } else {
      System.out.println(NAME + " start: seed=" + hex(runSeed) + " events=" + events
          + " (repeat this run with -Dfuzz.seed=" + hex(runSeed) + " -Dfuzz.events=" + events + ")");
    }

    SplittableRandom seeds = new SplittableRandom(runSeed);
    Stats stats = new Stats();
    List<String> reported = new ArrayList<>();
    StringBuilder replayDump = new StringBuilder();
    long start = System.nanoTime();
    try (ApiFixture api = new ApiFixture(db); DynamoDbClient admin = db.client(api.table)) {
      Map<String, AttributeValue> before = api.storedItem(KEY);
      Map<String, AttributeValue> revoked = api.storedItem(REVOKED_KEY);
      for (int i = 0; i < events; i++) {
        long eventSeed = replaySeeds != null ? replaySeeds[i] : seeds.nextLong();
        long t0 = System.nanoTime();
        Generated g = HostileEvents.generate(eventSeed);
        long t1 = System.nanoTime();
        api.calls.clear();
        CapturingContext context = new CapturingContext();
        APIGatewayProxyResponseEvent response = null;
        Throwable thrown = null;
        try {
          response = api.throughLambdaEntry(g.post(), g.event(), context); // bytes in, bytes out, as Lambda calls it
        } catch (Throwable t) { // NOPMD: the property is that nothing escapes
          thrown = t;
        }
        long t2 = System.nanoTime();
        // Only the handlers write, through the client whose calls the fixture counts: a request that made no
        // DynamoDB call cannot have changed the item. So the item is read back after every request that made a
        // call, and after every SPOT_CHECK-th request regardless, which keeps checking that reasoning.
        boolean read = !api.calls.isEmpty() || thrown != null || i % SPOT_CHECK == 0 || replaySeeds != null;
        Map<String, AttributeValue> after = read ? api.storedItem(KEY) : before;
        long t3 = System.nanoTime();
        stats.reads += read ? 1 : 0;
        int status = response == null || response.getStatusCode() == null ? -1 : response.getStatusCode();
        Map<String, Optional<String>> decoded =
            g.post() && status == 200 && g.expected() == null ? decodedChange(g.event()) : null;
        List<String> violations = new ArrayList<>(HandlerInvariants.violations(new Observation(
            g, response, thrown, List.copyOf(context.logLines), api.calls.size(), before, after, decoded)));
        String key = read ? g.apiKey() : null;
        if (REVOKED_KEY.equals(key) && !api.storedItem(REVOKED_KEY).equals(revoked)) {
          violations.add("the revoked collection's item changed");
        }
        if (HostileEvents.UNKNOWN_KEY.equals(key) && !api.storedItem(HostileEvents.UNKNOWN_KEY).isEmpty()) {
          violations.add("a request created an item for an unknown key");
        }
        stats.count(g, status, response);
        stats.generateNanos += t1 - t0;
        stats.handlerNanos += t2 - t1;
        stats.readNanos += t3 - t2;
        stats.checkNanos += System.nanoTime() - t3;
        if (!violations.isEmpty()) {
          stats.failures++;
          if (reported.size() < MAX_REPORTED) {
            String report = failure(i, eventSeed, runSeed, replaySeeds != null, g, response, violations);
            reported.add(report);
            if (replaySeeds == null) {
              System.out.println(report);
            }
          }
        } else if (replaySeeds == null && stats.recorded < LEDGER_SAMPLE) {
          recordInLedger(g);
          stats.recorded++;
        }
        if (replaySeeds != null) {
          recordInLedger(g);
          String answer = status + " " + HostileEvents.printable(response == null ? null : response.getBody(), 400);
          replayDump.append(NAME).append(" event ").append(hex(eventSeed)).append(": ").append(g.description())
              .append('\n').append(NAME).append("   answer ").append(answer).append('\n');
          System.out.println(NAME + " event " + hex(eventSeed) + " answered " + status
              + (violations.isEmpty() ? ", properties hold" : ", " + violations.size() + " properties broken")
              + " (the event in full: " + TestDynamoDb.projectDir().relativize(REPLAY_DUMP) + ")");
        }
        before = after;
      }
      int items = admin.scan(b -> b.tableName(api.table).consistentRead(true)).count();
      if (items != 2) {
        stats.failures++;
        reported.add("the table holds " + items + " items after the run; only the 2 seeded ones may exist");
      }
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    if (replaySeeds != null) {
      writeReplayDump(replayDump.toString());
    }

    System.out.println(NAME + " events=" + events + " seed=" + (replaySeeds != null ? "replay" : hex(runSeed))
        + " post=" + stats.post + " get=" + stats.get + " status200=" + stats.status200 + " status400=" + stats.status400
        + " other=" + stats.other + " failures=" + stats.failures + " elapsed=" + elapsedMs + " ms");
    System.out.println(NAME + " predicted=" + stats.tags.getOrDefault("predicted", 0)
        + " open=" + stats.tags.getOrDefault("open", 0) + " post200=" + stats.post200 + " get200=" + stats.get200
        + " itemReads=" + stats.reads);
    System.out.println(NAME + " time: generate=" + stats.generateNanos / 1_000_000 + " ms handlers="
        + stats.handlerNanos / 1_000_000 + " ms storeReads=" + stats.readNanos / 1_000_000 + " ms checks="
        + stats.checkNanos / 1_000_000 + " ms");
    System.out.println(NAME + " messages=" + stats.messages);
    System.out.println(NAME + " tags=" + stats.tags);

    if (!reported.isEmpty()) {
      fail(stats.failures + " of " + events + " events broke a property (run seed " + hex(runSeed) + "); first "
          + reported.size() + ":\n" + String.join("\n", reported));
    }
    if (replaySeeds == null && events >= COVERAGE_MIN_EVENTS) {
      assertThat(stats.tags).as("what the run exercised").containsKeys(MUST_COVER.toArray(String[]::new));
      assertThat(stats.post200).as("successful POSTs").isPositive();
      assertThat(stats.get200).as("successful GETs").isPositive();
    }
  }

  /**
   * Adds what the event sent (api_secret, webhook_pass values, the raw body) to the run's {@link SecretLedger}, so
   * {@code SecretHygieneIT}, which Maven runs after this test, also looks for them in every log of the run. Only
   * events that held every property are recorded, since a failure report prints its event; and only the first
   * {@value #LEDGER_SAMPLE} of them, bodies up to 16 KiB: a long run would otherwise write gigabytes of ledger.
   */
  private static void recordInLedger(Generated g) {
    String secret = HostileEvents.header(g.event(), "api_secret").value();
    if (secret != null && secret.length() <= 1_000 && writable(secret)) {
      SecretLedger.secret(secret);
    }
    g.answerNeedles().stream().filter(n -> !n.equals(secret) && n.length() <= 1_000 && writable(n))
        .forEach(SecretLedger::password);
    String body = g.event().getBody();
    if (body != null && body.length() >= 32 && body.length() <= 16_384 && writable(body)) {
      SecretLedger.body(body, Boolean.TRUE.equals(g.event().getIsBase64Encoded()),
          HostileEvents.header(g.event(), "Content-Type").value());
    }
  }

  /** Text with an unpaired surrogate has no UTF-8 form: it can be in no log, nor in the (UTF-8) ledger. */
  private static boolean writable(String text) {
    return !HostileEvents.hasLoneSurrogate(text);
  }

  /**
   * A replay prints each event in full to help debug it; the dump goes to its own file, because the replayed
   * events' secrets and bodies are in the ledger and the test output is among the logs SecretHygieneIT scans.
   */
  private static void writeReplayDump(String dump) {
    try {
      Files.createDirectories(REPLAY_DUMP.getParent());
      Files.writeString(REPLAY_DUMP, dump, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * For a 200 POST the generator left open: the change its body decodes to, by the production decoder and field
   * rules (unit-tested on their own); null if they refuse it. What is checked with it is the handler and the store:
   * that exactly this change, and nothing else, was written.
   */
  private static Map<String, Optional<String>> decodedChange(APIGatewayProxyRequestEvent event) {
    WebhookChange change;
    try {
      change = WebhookChange.from(RequestBody.decodeFields(
          event.getBody(), event.getIsBase64Encoded(), HostileEvents.header(event, "Content-Type").value()));
    } catch (ClientError e) {
      return null;
    }
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    put(out, "webhook", change.webhook());
    put(out, "webhook_login", change.login());
    put(out, "webhook_pass", change.pass());
    return out;
  }

  private static void put(Map<String, Optional<String>> out, String field, FieldChange change) {
    switch (change) {
      case FieldChange.Keep keep -> {}
      case FieldChange.Clear clear -> out.put(field, Optional.empty());
      case FieldChange.Set set -> out.put(field, Optional.of(set.value()));
    }
  }

  private static String failure(
      int index, long eventSeed, long runSeed, boolean replay, Generated g, APIGatewayProxyResponseEvent response,
      List<String> violations) {
    StringBuilder out = new StringBuilder(NAME + " FAILURE event #" + index + " eventSeed=" + hex(eventSeed)
        + " (alone: -Dfuzz.replay=" + hex(eventSeed)
        + (replay ? "" : "; with the store states of the run: -Dfuzz.seed=" + hex(runSeed) + " -Dfuzz.events=" + (index + 1))
        + ")\n");
    violations.forEach(v -> out.append("    - ").append(v).append('\n'));
    out.append("    event: ").append(g.description()).append('\n');
    out.append("    answer: ").append(response == null ? "none"
        : response.getStatusCode() + " " + HostileEvents.printable(response.getBody(), 400));
    return out.toString();
  }

  private static long seedProperty() {
    String value = System.getProperty("fuzz.seed", "").strip();
    return value.isEmpty() ? new SplittableRandom().nextLong() ^ System.nanoTime() : parseSeed(value);
  }

  static long parseSeed(String text) {
    String t = text.strip();
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return Long.parseUnsignedLong(t.substring(2), 16);
    }
    return t.startsWith("-") ? Long.parseLong(t) : Long.parseUnsignedLong(t);
  }

  static String hex(long seed) {
    return "0x" + Long.toHexString(seed);
  }

  private static final class Stats {
    int post;
    int get;
    int status200;
    int status400;
    int other;
    int post200;
    int get200;
    int failures;
    long generateNanos;
    long handlerNanos;
    long readNanos;
    long checkNanos;
    int reads;
    int recorded;
    final Map<String, Integer> messages = new TreeMap<>();
    final Map<String, Integer> tags = new TreeMap<>();

    void count(Generated g, int status, APIGatewayProxyResponseEvent response) {
      if (g.post()) {
        post++;
      } else {
        get++;
      }
      switch (status) {
        case 200 -> {
          status200++;
          if (g.post()) {
            post200++;
          } else {
            get200++;
          }
        }
        case 400 -> {
          status400++;
          String message = messageOf(response.getBody());
          messages.merge(message, 1, Integer::sum);
        }
        default -> other++;
      }
      g.tags().forEach(t -> tags.merge(t, 1, Integer::sum));
    }

    private static String messageOf(String body) {
      int start = body == null ? -1 : body.indexOf("\"message\":\"");
      if (start < 0) {
        return "?";
      }
      int end = body.indexOf('"', start + 11);
      String message = end < 0 ? "?" : body.substring(start + 11, end);
      int colon = message.indexOf(':');
      return colon < 0 ? message : message.substring(0, colon);
    }
  }
}
