package com.web3crm.webhook.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeakScannerTest {
  private final LeakScanner scanner = new LeakScanner();

  @Test
  void findsEveryNeedleWhereverItIs_withItsLabelAndLine_neverItsValue() {
    scanner.add("s_demo_456", "api_secret #1");
    scanner.add("p\u00e4ss:w\u00f6rd", "webhook_pass #1");
    scanner.add("s_demo_4567", "api_secret #2"); // shares a prefix with #1

    List<LeakScanner.Leak> leaks = scanner.scan("handlers.log",
        "{\"level\":\"INFO\"}\nheader api_secret=s_demo_4567\n\np\u00e4ss:w\u00f6rd");

    assertThat(leaks).containsExactly(
        new LeakScanner.Leak("api_secret #1", "handlers.log", 2),
        new LeakScanner.Leak("api_secret #2", "handlers.log", 2),
        new LeakScanner.Leak("webhook_pass #1", "handlers.log", 4));
    assertThat(leaks.toString()).doesNotContain("s_demo", "w\u00f6rd");
  }

  @Test
  void findsNothingInCleanText_includingPartialMatchesAndTheVeryEnd() {
    scanner.add("s_demo_456", "api_secret #1");

    assertThat(scanner.scan("a", "s_demo_45 s_demo_45")).isEmpty();
    assertThat(scanner.scan("b", "")).isEmpty();
    assertThat(scanner.scan("c", "...s_demo_456")).hasSize(1);
  }

  @Test
  void refusesNeedlesTooShortToMeanAnything() {
    assertThatThrownBy(() -> scanner.add("abc", "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ledgerEscapingRoundTripsTabsNewlinesBackslashesAndLoneSurrogates() {
    String value = "a\tb\nc\rd\\e\\tf\ud800g\udc00\ud83d\ude00\\u0041";

    assertThat(SecretLedger.escape(value)).doesNotContain("\t", "\n", "\r");
    assertThat(SecretLedger.unescape(SecretLedger.escape(value))).isEqualTo(value);
  }
}
