package com.web3crm.webhook.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook URL cases, one source for both tests that run them: the table in {@code webhook-url-cases.tsv} plus
 * a few generated cases too long to write there (the 2048/2049-character URLs among them).
 *
 * <p>{@code WebhookUrlTest} checks them against the rule itself, {@code WebhookUrlTableIT} through the handlers
 * and the real store.
 */
public final class WebhookUrlCases {
  public static final String TABLE = "/webhook-url-cases.tsv";
  /** The contract's limit on the webhook URL (docs/API.md), as given and in canonical form. */
  public static final int MAX_LENGTH = 2048;

  private static final String BASE = "https://hooks.example.com/";

  private WebhookUrlCases() {}

  /** The table's rows, then the generated cases. */
  public static List<Case> all() {
    List<Case> all = new ArrayList<>(table());
    all.addAll(generated());
    return List.copyOf(all);
  }

  /** Cases too long to write in the table. */
  public static List<Case> generated() {
    String url2048 = BASE + "a".repeat(MAX_LENGTH - BASE.length());
    String ipv6Base = "https://[2001:4860:4860::8888]/";
    String ipv6Url2048 = ipv6Base + "b".repeat(MAX_LENGTH - ipv6Base.length());
    String loopbackBase = "https://127.0.0.1/";
    String label63 = "a".repeat(63);
    String host253 = label63 + "." + label63 + "." + label63 + "." + "d".repeat(61);
    return List.of(
        Case.valid(url2048, url2048),
        Case.valid("  " + url2048 + "\r\n", url2048),
        Case.invalid(url2048 + "a", "longer than 2048 characters"),
        Case.valid(ipv6Url2048, ipv6Url2048),
        Case.invalid(ipv6Url2048 + "b", "longer than 2048 characters"),
        Case.invalid(loopbackBase + "c".repeat(MAX_LENGTH - loopbackBase.length()), "loopback address (127.0.0.0/8)"),
        Case.invalid(BASE + "a".repeat(MAX_LENGTH - BASE.length() - 1) + "\u00fc",
            "canonical form is longer than 2048 characters"),
        Case.invalid("https://hooks.example.com?" + "a".repeat(MAX_LENGTH - 26),
            "canonical form is longer than 2048 characters"),
        Case.valid("https://" + host253 + "/", "https://" + host253 + "/"),
        Case.invalid("https://" + host253 + "d/", "host name is longer than 253 characters"),
        Case.valid("https://" + label63 + ".example.com/", "https://" + label63 + ".example.com/"),
        Case.invalid("https://" + label63 + "a.example.com/", "host label is longer than 63 characters"),
        Case.invalid("https://" + "\u00fc".repeat(64) + ".example.com/", "not a valid internationalized domain name"),
        Case.valid("https://hooks.example.com:" + "0".repeat(100) + "8443/", "https://hooks.example.com:8443/"),
        Case.invalid("https://hooks.example.com:" + "9".repeat(100) + "/", "port must be between 1 and 65535"));
  }

  /** The rows of {@link #TABLE}, in file order. */
  public static List<Case> table() {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = WebhookUrlCases.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException(TABLE + " is not on the test classpath");
      }
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
    return List.copyOf(cases);
  }

  /** The table's escapes: {@code \\ \t \n \r \f}, {@code \s} for a space, {@code \}{@code uXXXX}. */
  static String unescape(String text) {
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
  public record Case(String input, boolean valid, String expected) {
    public static Case valid(String input, String canonical) {
      return new Case(input, true, canonical);
    }

    public static Case invalid(String input, String detailPart) {
      return new Case(input, false, detailPart);
    }

    /** Whether the input holds a UTF-16 surrogate without its partner: no UTF-8 (so no request body) can carry it. */
    public boolean hasUnpairedSurrogate() {
      for (int i = 0; i < input.length(); i++) {
        char c = input.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < input.length() && Character.isLowSurrogate(input.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return true;
        }
      }
      return false;
    }

    /** Display name: the input with invisible characters escaped and long inputs shortened. */
    @Override
    public String toString() {
      return (valid ? "valid   " : "invalid ") + printable(input);
    }

    public static String printable(String text) {
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
}
