package com.web3crm.webhook.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link WebhookUrl#canonicalize}: the table in {@code webhook-url-cases.tsv} plus a few generated cases too long
 * to write there, and a seeded fuzz run.
 */
class WebhookUrlTest {
  private static final String TABLE = "/webhook-url-cases.tsv";
  private static final String BASE = "https://hooks.example.com/";

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
    return Stream.concat(tableCases().stream(), generatedCases().stream());
  }

  /** Cases too long to write in the table. */
  private static List<Case> generatedCases() {
    String url2048 = BASE + "a".repeat(WebhookUrl.MAX_LENGTH - BASE.length());
    String label63 = "a".repeat(63);
    String host253 = label63 + "." + label63 + "." + label63 + "." + "d".repeat(61);
    return List.of(
        Case.valid(url2048, url2048),
        Case.valid("  " + url2048 + "\r\n", url2048),
        Case.invalid(url2048 + "a", "longer than 2048 characters"),
        Case.invalid(BASE + "a".repeat(WebhookUrl.MAX_LENGTH - BASE.length() - 1) + "\u00fc",
            "canonical form is longer than 2048 characters"),
        Case.invalid("https://hooks.example.com?" + "a".repeat(WebhookUrl.MAX_LENGTH - 26),
            "canonical form is longer than 2048 characters"),
        Case.valid("https://" + host253 + "/", "https://" + host253 + "/"),
        Case.invalid("https://" + host253 + "d/", "host name is longer than 253 characters"),
        Case.valid("https://" + label63 + ".example.com/", "https://" + label63 + ".example.com/"),
        Case.invalid("https://" + label63 + "a.example.com/", "host label is longer than 63 characters"),
        Case.invalid("https://" + "\u00fc".repeat(64) + ".example.com/", "not a valid internationalized domain name"),
        Case.valid("https://hooks.example.com:" + "0".repeat(100) + "8443/", "https://hooks.example.com:8443/"),
        Case.invalid("https://hooks.example.com:" + "9".repeat(100) + "/", "port must be between 1 and 65535"));
  }

  private static List<Case> tableCases() {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = WebhookUrlTest.class.getResourceAsStream(TABLE)) {
      assertThat(in).as(TABLE).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNumber = 0;
      for (String line; (line = reader.readLine()) != null; ) {
        lineNumber++;
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        if (columns.length != 3 || !(columns[1].equals("valid") || columns[1].equals("invalid"))) {
          throw new IllegalStateException(TABLE + ":" + lineNumber + ": expected input<TAB>valid|invalid<TAB>expected");
        }
        String input = unescape(columns[0]);
        String expected = unescape(columns[2]);
        cases.add(columns[1].equals("valid") ? Case.valid(input, expected) : Case.invalid(input, expected));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  /** The table's escapes: {@code \\ \t \n \r \f}, {@code \s} for a space, {@code \}{@code uXXXX}. */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case '\\' -> out.append('\\');
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 'f' -> out.append('\f');
        case 's' -> out.append(' ');
        case 'u' -> {
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + text);
      }
    }
    return out.toString();
  }

  /** One row: for a valid input the exact canonical form, for an invalid one text its detail must contain. */
  record Case(String input, boolean valid, String expected) {
    static Case valid(String input, String canonical) {
      return new Case(input, true, canonical);
    }

    static Case invalid(String input, String detailPart) {
      return new Case(input, false, detailPart);
    }

    /** Display name: the input with invisible characters escaped and long inputs shortened. */
    @Override
    public String toString() {
      return (valid ? "valid   " : "invalid ") + printable(input);
    }

    static String printable(String text) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < text.length() && out.length() < 100; i++) {
        char c = text.charAt(i);
        boolean visible = (c > 0x20 && c < 0x7F) || (c > 0x9F && !Character.isWhitespace(c)
            && !Character.isSpaceChar(c) && !Character.isSurrogate(c) && Character.getType(c) != Character.FORMAT);
        out.append(visible ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      }
      return text.length() <= 100 ? out.toString() : out + "...(" + text.length() + " chars)";
    }
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
