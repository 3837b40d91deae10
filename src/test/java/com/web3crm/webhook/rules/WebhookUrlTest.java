package com.web3crm.webhook.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import com.web3crm.webhook.testing.WebhookUrlCases;
import com.web3crm.webhook.testing.WebhookUrlCases.Case;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WebhookUrl#canonicalize}: the cases of {@link WebhookUrlCases} (the table in {@code webhook-url-cases.tsv}
 * plus a few generated cases too long to write there), and a seeded fuzz run.
 */
class WebhookUrlTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void canonicalize_returnsCanonicalFormForPublicHttpsUrlsAndRejectsEverythingElseWithReason(Case c) {
    if (c.valid()) {
      assertThat(WebhookUrl.canonicalize(c.input())).isEqualTo(c.expected());
      return;
    }
    ClientError error = catchThrowableOfType(ClientError.class, () -> WebhookUrl.canonicalize(c.input()));
    assertThat(error).as("expected a ClientError").isNotNull();
    assertThat(error.message()).isEqualTo(ErrorMessages.WEBHOOK_INVALID);
    assertThat(error.detail()).contains(c.expected());
    if (!c.input().isBlank()) {
      assertThat(error.detail()).doesNotContain(c.input()).doesNotContain(c.input().strip());
    }
  }

  @Test
  void table_hasAtLeast170CasesWithBothVerdicts() {
    List<Case> all = cases().toList();

    assertThat(all).hasSizeGreaterThanOrEqualTo(170);
    assertThat(all).anyMatch(Case::valid).anyMatch(c -> !c.valid());
  }

  @Test
  void canonicalize_treatsNullAsBlank() {
    ClientError error = catchThrowableOfType(ClientError.class, () -> WebhookUrl.canonicalize(null));

    assertThat(error.detail()).isEqualTo("webhook is blank");
  }

  @Test
  void canonicalize_neverThrowsAnythingButClientErrorAndReturnsStableCanonicalForms() {
    Random random = new Random(0x5EED_CAFEL);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      String input = randomInput(random);
      String canonical;
      try {
        canonical = WebhookUrl.canonicalize(input);
      } catch (ClientError e) {
        if (!ErrorMessages.WEBHOOK_INVALID.equals(e.message()) || e.detail() == null || e.detail().isBlank()
            || e.detail().length() > 120) {
          throw new AssertionError("bad ClientError " + e + " for " + Case.printable(input));
        }
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("unexpected " + e + " for " + Case.printable(input), e);
      }
      accepted++;
      if (!canonical.startsWith("https://") || canonical.length() > WebhookUrl.MAX_LENGTH
          || !canonical.chars().allMatch(ch -> ch > 0x20 && ch < 0x7F)
          || !canonical.equals(WebhookUrl.canonicalize(canonical))) {
        throw new AssertionError("unstable or non-ASCII canonical form " + canonical + " for " + Case.printable(input));
      }
    }
    assertThat(accepted).as("the fuzzer should also reach valid URLs").isGreaterThan(1_000);
  }

  // ---------------------------------------------------------------- the table

  static Stream<Case> cases() {
    return WebhookUrlCases.all().stream();
  }

  // ---------------------------------------------------------------- fuzzing

  private static final List<String> FRAGMENTS = List.of(
      "https://", "HTTPS://", "https:", "http://", "//", "/", "\\", "?", "#", "@", ":", "::", ".", "..", "%", "%2",
      "%41", "%25", "[", "]", "[::1]", "[::ffff:", "ffff", "fe80", "2001:db8", "2606:4700", "0x", "0X7f", "0", "00",
      "08", "1", "127", "255", "256", "4294967295", "4294967296", "10", "169.254", "8.8.8.8", "443", "65535",
      "65536", "localhost", "internal", "example.com", "hooks", "-", "_", "xn--", "xn--bcher-kva", "\u00fc",
      "\u3002", "\uff0e", "\uff61", "\uff11", "\uff4c", "\u017f", "\u00ad", "\u200b", "\u00a0", "\u3000", " ",
      "\t", "\r\n", "\u0000", "\u0085", "\ud800", "\udc00", "\ud83d\ude00", "\"", "<", "`", "{", "|", "^", "=",
      "&");

  private static String randomInput(Random random) {
    StringBuilder out = new StringBuilder();
    if (random.nextInt(4) != 0) {
      out.append("https://");
    }
    int pieces = 1 + random.nextInt(10);
    for (int i = 0; i < pieces; i++) {
      int kind = random.nextInt(10);
      if (kind < 7) {
        out.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
      } else if (kind < 9) {
        out.append((char) random.nextInt(0x80));
      } else {
        out.append((char) random.nextInt(0x10000));
      }
    }
    return out.toString();
  }
}
