package com.web3crm.webhook.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.testing.WebhookHistory.Read;
import com.web3crm.webhook.testing.WebhookHistory.Write;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker behind ConcurrentUpdatesIT finds each kind of anomaly it claims to find, and nothing else. */
class WebhookHistoryTest {
  private static final List<String> FIELDS = List.of("webhook", "webhook_login", "webhook_pass");
  private static final List<Set<String>> PAIR = List.of(Set.of("webhook_login", "webhook_pass"));

  private static Write pair(String id, long start, long end, int status) {
    return new Write(id, Map.of("webhook_login", "L-" + id, "webhook_pass", "P-" + id), start, end, status);
  }

  private static Write pair(String id, long start, long end) {
    return pair(id, start, end, 200);
  }

  private static Write clear(String id, long start, long end) {
    Map<String, String> sets = new HashMap<>();
    sets.put("webhook_login", null);
    sets.put("webhook_pass", null);
    return new Write(id, sets, start, end, 200);
  }

  private static Write hook(String id, long start, long end) {
    return new Write(id, Map.of("webhook", "https://hooks.example.com/" + id), start, end, 200);
  }

  private static Read read(long start, long end, String webhook, String login, String pass) {
    Map<String, String> seen = new HashMap<>();
    seen.put("webhook", webhook);
    seen.put("webhook_login", login);
    seen.put("webhook_pass", pass);
    return new Read("r@" + start, seen, start, end);
  }

  private static WebhookHistory history(Write... writes) {
    return new WebhookHistory(FIELDS, PAIR, List.of(writes));
  }

  @Test
  void readsThatSomeWriteOrderExplains_areNoAnomaly() {
    WebhookHistory h = history(pair("a", 0, 10), hook("h", 5, 15), pair("b", 20, 40), clear("c", 50, 60));

    assertThat(h.check(read(-5, -1, null, null, null))).as("initial state").isEmpty();
    assertThat(h.check(read(11, 19, "https://hooks.example.com/h", "L-a", "P-a"))).isEmpty();
    assertThat(h.check(read(11, 19, null, "L-a", "P-a"))).as("h overlaps the read").isEmpty();
    assertThat(h.check(read(25, 30, "https://hooks.example.com/h", "L-a", "P-a"))).as("b still running").isEmpty();
    assertThat(h.check(read(25, 30, "https://hooks.example.com/h", "L-b", "P-b"))).as("b already applied").isEmpty();
    assertThat(h.check(read(25, 30, null, "L-b", "P-b"))).as("h ended before the read began").isNotEmpty();
    assertThat(h.check(read(65, 70, "https://hooks.example.com/h", null, null))).isEmpty();
  }

  @Test
  void loginAndPassOfDifferentWrites_isAMixedState() {
    WebhookHistory h = history(pair("a", 0, 10), pair("b", 0, 10));

    assertThat(h.check(read(20, 30, null, "L-a", "P-b")))
        .singleElement().asString().contains("mixed state");
  }

  @Test
  void loginSetButPassUnset_isAMixedState() {
    WebhookHistory h = history(pair("a", 0, 10), clear("c", 0, 10));

    assertThat(h.check(read(5, 30, null, "L-a", null))).singleElement().asString().contains("mixed state");
  }

  @Test
  void aValueNoRequestSent_orOnlyA400Sent_isAnAnomaly() {
    WebhookHistory h = history(pair("a", 0, 10), pair("refused", 0, 10, 400));

    assertThat(h.check(read(20, 30, "https://hooks.example.com/never", "L-a", "P-a")))
        .singleElement().asString().contains("no request");
    assertThat(h.check(read(20, 30, null, "L-refused", "P-refused")))
        .hasSize(2).allSatisfy(a -> assertThat(a).contains("no request"));
  }

  @Test
  void aValueOverwrittenBeforeTheReadBegan_isStale() {
    WebhookHistory h = history(pair("a", 0, 10), pair("b", 20, 30));

    assertThat(h.check(read(40, 50, null, "L-a", "P-a")))
        .isNotEmpty().allSatisfy(a -> assertThat(a).contains("overwritten"));
  }

  @Test
  void aValueSentOnlyAfterTheReadEnded_isAnAnomaly() {
    WebhookHistory h = history(pair("late", 100, 110));

    assertThat(h.check(read(0, 50, null, "L-late", "P-late"))).isNotEmpty();
  }

  @Test
  void clearedStateAfterALaterSet_isStale_unlessAnotherClearCouldExplainIt() {
    WebhookHistory h = history(clear("c1", 0, 10), pair("a", 20, 30));
    assertThat(h.check(read(40, 50, null, null, null))).isNotEmpty();

    WebhookHistory withLaterClear = history(clear("c1", 0, 10), pair("a", 20, 30), clear("c2", 35, 45));
    assertThat(withLaterClear.check(read(40, 50, null, null, null))).isEmpty();
  }

  @Test
  void finalItem_mustHoldALastWrite_andCountEverySuccessfulWrite() {
    WebhookHistory h = history(pair("a", 0, 10), pair("b", 5, 15), hook("h", 0, 3), pair("c", 20, 30));

    assertThat(h.checkFinal(seen("https://hooks.example.com/h", "L-c", "P-c"), 4, 0)).isEmpty();
    assertThat(h.checkFinal(seen("https://hooks.example.com/h", "L-b", "P-b"), 4, 0))
        .as("c ended after b and began after b ended").isNotEmpty();
    assertThat(h.checkFinal(seen("https://hooks.example.com/h", "L-c", "P-c"), 3, 0))
        .singleElement().asString().contains("version=3 but 4 writes answered 200");
    assertThat(h.checkFinal(seen("https://hooks.example.com/h", "L-c", "P-c"), 5, 0)).isNotEmpty();
  }

  @Test
  void finalVersion_mayExceedTheSuccessfulWritesOnlyByTheAttemptsTheSdkResent() {
    WebhookHistory h = history(pair("a", 0, 10), pair("b", 20, 30));

    assertThat(h.checkFinal(seen(null, "L-b", "P-b"), 3, 1)).as("one re-sent attempt applied twice").isEmpty();
    assertThat(h.checkFinal(seen(null, "L-b", "P-b"), 2, 1)).as("re-sent but applied once").isEmpty();
    assertThat(h.checkFinal(seen(null, "L-b", "P-b"), 4, 1)).as("more than the re-sent attempts").isNotEmpty();
    assertThat(h.checkFinal(seen(null, "L-b", "P-b"), 1, 1)).as("a lost update, re-sends or not").isNotEmpty();
  }

  @Test
  void concurrentLastWrites_eitherMayWin() {
    WebhookHistory h = history(pair("a", 0, 10), pair("b", 5, 15));

    assertThat(h.checkFinal(seen(null, "L-a", "P-a"), 2, 0)).isEmpty();
    assertThat(h.checkFinal(seen(null, "L-b", "P-b"), 2, 0)).isEmpty();
  }

  @Test
  void aWriteThatSetsHalfAGroup_isRefused() {
    Write half = new Write("half", Map.of("webhook_login", "L"), 0, 1, 200);

    assertThatThrownBy(() -> history(half)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, String> seen(String webhook, String login, String pass) {
    return read(0, 0, webhook, login, pass).seen();
  }
}
