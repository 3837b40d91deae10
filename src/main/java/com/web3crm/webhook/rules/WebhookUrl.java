package com.web3crm.webhook.rules;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.text.Normalizer;

/**
 * The {@code webhook} URL a client registers: validated so it can only point at a public HTTPS endpoint, and
 * rewritten into one canonical spelling.
 *
 * <p>The host is judged the way a WHATWG (browser) URL parser would read it, so no alternative spelling of a blocked
 * address gets through: IDN hosts are converted to ASCII first (which also maps fullwidth digits and ideographic
 * dots), and a host ending in a number is parsed as an IPv4 address in any of its decimal, octal, hex or short forms.
 *
 * <p>Documented choices beyond the bare contract:
 * <ul>
 *   <li>Existing {@code %XX} escapes in the path and query are kept as given (not decoded, not re-cased), and dot
 *       segments ({@code /./}, {@code /../}) are not resolved: the path and query are the client's, passed on
 *       byte for byte except for the percent-encoding described on {@link #canonicalize}.
 *   <li>A host ending with a dot is refused rather than normalized ({@code localhost.}, {@code 127.0.0.1.}).
 *   <li>{@code *.local}, {@code *.localdomain} and {@code *.home.arpa} are blocked along with {@code localhost},
 *       {@code *.localhost} and {@code *.internal}.
 *   <li>A punycode label ({@code xn--...}) must decode to a valid internationalized label.
 *   <li>Unicode hosts are converted with {@link IDN} (IDNA 2003). Where that differs from browsers (UTS 46) the
 *       host is refused, never rewritten to another name: the deviation characters ß, ς, ZWJ and ZWNJ, and
 *       characters newer than Unicode 3.2 (emoji, for one). Their punycode forms are accepted.
 *   <li>The 2048-character limit counts UTF-16 units of the trimmed value, and applies again to the canonical form.
 * </ul>
 *
 * <p>Pure logic: no DNS lookups, no network, no state.
 */
public final class WebhookUrl {
  /** The longest accepted value, both as given (after trimming) and in canonical form. */
  public static final int MAX_LENGTH = 2048;

  private static final String SCHEME = "https";
  private static final int DEFAULT_PORT = 443;
  private static final int MAX_HOST_NAME_LENGTH = 253;
  private static final int MAX_LABEL_LENGTH = 63;
  /** ASCII characters percent-encoded in the path and query, besides all non-ASCII characters. */
  private static final String ALWAYS_ENCODED = "\"<>`{}|^";
  private static final String HEX = "0123456789ABCDEF";
  /** Local-only names: each one and all its subdomains are refused. */
  private static final List<String> LOCAL_ONLY_DOMAINS =
      List.of("localhost", "internal", "local", "localdomain", "home.arpa");

  private WebhookUrl() {}

  /**
   * Validates a webhook value (already form/JSON-decoded) and returns its canonical form.
   *
   * <p>The value, after trimming ASCII whitespace (TAB, LF, FF, CR, SPACE) at both ends, must be:
   * <ul>
   *   <li>non-blank, at most {@value #MAX_LENGTH} characters, free of whitespace (including Unicode whitespace),
   *       control characters (C0, DEL, C1), unpaired surrogates, backslashes and {@code #} (no fragment);
   *   <li>an absolute URL with scheme {@code https} (any case) followed by exactly {@code //} and a non-empty
   *       authority without userinfo ({@code @});
   *   <li>with port 1-65535 if one is given (ASCII digits; leading zeros are dropped);
   *   <li>with a host that is either a bracketed IPv6 literal or a name. A {@code %} in the host (percent-encoding or
   *       zone id) and a trailing dot are refused. A non-ASCII name is converted with {@link IDN#toASCII}; every
   *       check below is made on the lower-cased ASCII result. A name whose last label is a number is parsed as a
   *       WHATWG IPv4 address ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1} are all
   *       127.0.0.1). Any other name must be a DNS name of at least two letter-digit-hyphen labels (1-63
   *       characters, no leading or trailing hyphen, 253 in all) and not {@code localhost}, {@code *.localhost},
   *       {@code *.internal}, {@code *.local}, {@code *.localdomain} or {@code *.home.arpa};
   *   <li>if an IP address, a public unicast one: no private, CGNAT, loopback, link-local (cloud metadata),
   *       documentation, benchmarking, 6to4, multicast, reserved or "this network" IPv4 address; IPv6 only in
   *       2000::/3 outside 2001:db8::/32, 3fff::/20, 2001::/23 and 2002::/16, or an IPv4-mapped or IPv4-compatible
   *       address embedding a public IPv4 address;
   *   <li>with {@code %} in the path and query only as the start of a {@code %XX} escape.
   * </ul>
   *
   * <p>The canonical form is {@code https://}, the lower-case ASCII host (punycode for IDN, dotted decimal for
   * IPv4, bracketed compressed IPv6), {@code :port} unless the port is 443, then the path and query as given except
   * that an empty path becomes {@code /} and non-ASCII characters (as UTF-8) and {@code " < > ` { } | ^} are
   * percent-encoded with upper-case hex. It too must be at most {@value #MAX_LENGTH} characters.
   *
   * @param raw the submitted value
   * @return the canonical URL
   * @throws ClientError with message {@link ErrorMessages#WEBHOOK_INVALID} and a detail saying why; the detail
   *     never contains the input
   */
  public static String canonicalize(String raw) {
    String value = trimAsciiWhitespace(raw == null ? "" : raw);
    if (value.isEmpty()) {
      throw invalid("webhook is blank");
    }
    if (value.length() > MAX_LENGTH) {
      throw invalid("URL is longer than " + MAX_LENGTH + " characters");
    }
    rejectForbiddenCharacters(value);

    int authorityStart = authorityStart(value);
    int authorityEnd = authorityStart;
    while (authorityEnd < value.length() && value.charAt(authorityEnd) != '/' && value.charAt(authorityEnd) != '?') {
      authorityEnd++;
    }
    String authority = value.substring(authorityStart, authorityEnd);
    if (authority.isEmpty()) {
      throw invalid("host is missing");
    }
    if (authority.indexOf('@') >= 0) {
      throw invalid("userinfo ('@' in the host part) is not allowed");
    }
    int hostEnd = hostEnd(authority);
    String host = canonicalHost(authority.substring(0, hostEnd));
    int port = hostEnd == authority.length() ? DEFAULT_PORT : port(authority.substring(hostEnd + 1));

    String canonical = "https://" + host + (port == DEFAULT_PORT ? "" : ":" + port)
        + canonicalPathAndQuery(value.substring(authorityEnd));
    if (canonical.length() > MAX_LENGTH) {
      throw invalid("canonical form is longer than " + MAX_LENGTH + " characters");
    }
    return canonical;
  }

  // ---------------------------------------------------------------- whole value

  private static String trimAsciiWhitespace(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isAsciiWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isAsciiWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isAsciiWhitespace(char c) {
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
  }

  private static void rejectForbiddenCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalid("URL contains an unpaired surrogate");
      } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        throw invalid("URL must not contain control characters");
      } else if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid("URL must not contain whitespace");
      } else if (c == '\\') {
        throw invalid("URL must not contain a backslash");
      } else if (c == '#') {
        throw invalid("URL must not contain a fragment ('#')");
      }
    }
  }

  /** The index after {@code https://}. */
  private static int authorityStart(String value) {
    int colon = value.indexOf(':');
    if (colon < 0) {
      throw invalid("must be an absolute URL with scheme https");
    }
    if (!equalsIgnoreAsciiCase(value.substring(0, colon), SCHEME)) {
      throw invalid("scheme must be https");
    }
    if (!value.startsWith("//", colon + 1)) {
      throw invalid("the scheme must be followed by '//' and a host");
    }
    return colon + 3;
  }

  /** Case-insensitive for ASCII letters only: {@code httpſ} (long s) is not {@code https}. */
  private static boolean equalsIgnoreAsciiCase(String text, String lowerCase) {
    return text.length() == lowerCase.length() && toLowerAscii(text).equals(lowerCase);
  }

  // ---------------------------------------------------------------- authority

  /** The length of the host part of a non-empty authority: up to the first ':', or a whole {@code [...]}. */
  private static int hostEnd(String authority) {
    if (authority.charAt(0) != '[') {
      int colon = authority.indexOf(':');
      return colon < 0 ? authority.length() : colon;
    }
    int close = authority.indexOf(']');
    if (close < 0) {
      throw invalid("IPv6 literal is missing its closing ']'");
    }
    if (close + 1 < authority.length() && authority.charAt(close + 1) != ':') {
      throw invalid("only a port may follow an IPv6 literal");
    }
    return close + 1;
  }

  private static int port(String digits) {
    if (digits.isEmpty()) {
      throw invalid("port is empty");
    }
    int port = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid("port must be ASCII digits");
      }
      port = Math.min(port * 10 + (c - '0'), 65536);
    }
    if (port < 1 || port > 65535) {
      throw invalid("port must be between 1 and 65535");
    }
    return port;
  }

  private static String canonicalHost(String host) {
    if (host.isEmpty()) {
      throw invalid("host is missing");
    }
    if (host.indexOf('%') >= 0) {
      throw invalid(host.charAt(0) == '[' ? "IPv6 zone ids ('%') are not allowed" : "host must not be percent-encoded");
    }
    if (host.charAt(0) == '[') {
      return "[" + ipv6Host(host.substring(1, host.length() - 1)) + "]";
    }
    String ascii = toAsciiHost(host);
    if (ascii.endsWith(".")) {
      throw invalid("host must not end with a dot");
    }
    if (ascii.startsWith(".") || ascii.contains("..")) {
      throw invalid("host has an empty label");
    }
    if (IpAddresses.endsInNumber(ascii)) {
      return ipv4Host(ascii);
    }
    checkDnsName(ascii);
    return ascii;
  }

  private static String toAsciiHost(String host) {
    String ascii = host;
    if (!isAscii(host)) {
      if (containsIdnaDeviation(host)) {
        throw invalid("host contains ß, ς or a zero-width joiner, which browsers and IDNA 2003 encode to different"
            + " names; send the host in its punycode (xn--) form");
      }
      try {
        ascii = IDN.toASCII(host);
      } catch (RuntimeException e) { // documented: IllegalArgumentException; any failure means "not convertible"
        throw invalid("host is not a valid internationalized domain name");
      }
    }
    return toLowerAscii(ascii);
  }

  /**
   * The IDNA "deviation" characters: IDNA 2003 (what {@link IDN} implements) maps them away ({@code faß} becomes
   * {@code fass}), browsers (UTS 46, nontransitional) keep them ({@code xn--fa-hia}): two different hosts, possibly
   * with different owners. Refused rather than guessed.
   */
  private static boolean containsIdnaDeviation(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c == '\u00DF' || c == '\u03C2' || c == '\u200C' || c == '\u200D') {
        return true;
      }
    }
    return false;
  }

  private static String ipv4Host(String host) {
    long address = IpAddresses.parseIpv4(host);
    if (address < 0) {
      throw invalid("host ends in a number but is not a valid IPv4 address");
    }
    String reason = IpAddresses.ipv4BlockReason(address);
    if (reason != null) {
      throw invalid("host is " + reason);
    }
    return IpAddresses.formatIpv4(address);
  }

  private static String ipv6Host(String literal) {
    int[] address = IpAddresses.parseIpv6(literal);
    if (address == null) {
      throw invalid("host is not a valid IPv6 address");
    }
    String reason = IpAddresses.ipv6BlockReason(address);
    if (reason != null) {
      throw invalid("host is " + reason);
    }
    return IpAddresses.formatIpv6(address);
  }

  /** A lower-case ASCII name without empty labels that does not end in a number. */
  private static void checkDnsName(String host) {
    if (host.length() > MAX_HOST_NAME_LENGTH) {
      throw invalid("host name is longer than " + MAX_HOST_NAME_LENGTH + " characters");
    }
    String[] labels = host.split("\\.");
    for (String label : labels) {
      checkLabel(label);
    }
    for (String domain : LOCAL_ONLY_DOMAINS) {
      if (host.equals(domain)) {
        throw invalid("host is a local-only name (" + domain + ")");
      }
      if (host.endsWith("." + domain)) {
        throw invalid("host is a local-only name (*." + domain + ")");
      }
    }
    if (labels.length < 2) {
      throw invalid("host must be a fully qualified domain name (at least two labels)");
    }
  }

  private static void checkLabel(String label) {
    if (label.length() > MAX_LABEL_LENGTH) {
      throw invalid("host label is longer than " + MAX_LABEL_LENGTH + " characters");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
        throw invalid("host may contain only letters, digits, '-' and '.'");
      }
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      throw invalid("host label must not start or end with '-'");
    }
    if (label.startsWith("xn--") && !isValidPunycodeLabel(label)) {
      throw invalid("host has an invalid punycode (xn--) label");
    }
  }

  /**
   * An {@code xn--} label (given so, or produced by converting a Unicode host) must be a label a browser accepts:
   * valid Punycode (RFC 3492) decoding to text that
   * <ul>
   *   <li>has at least one non-ASCII character, and as ASCII only lower-case letters, digits and '-';
   *   <li>is in Unicode normalization form NFKC and has no upper- or title-case letter (browsers map compatibility
   *       and upper-case characters to others, so such a label names no host they would reach);
   *   <li>does not start with a combining mark, and has no label separator (U+3002, U+FF0E, U+FF61), control,
   *       format (zero-width joiners, bidi controls, soft hyphen), private-use, unassigned, space or whitespace
   *       character;
   *   <li>meets the Bidi rule of RFC 5893 when it has right-to-left characters: it starts with one, uses only
   *       the classes that rule allows, ends with a strong or number character (then marks), and does not mix
   *       European and Arabic-Indic digits; a left-to-right label must hold no right-to-left or Arabic-Indic digit
   *       character.
   * </ul>
   * Labels valid under IDNA 2008 but not IDNA 2003 ({@code xn--fa-hia}, "faß") are accepted.
   */
  private static boolean isValidPunycodeLabel(String label) {
    String decoded = Punycode.decode(label.substring(4));
    if (decoded == null || decoded.isEmpty()
        || !Normalizer.isNormalized(decoded, Normalizer.Form.NFKC)) {
      return false;
    }
    boolean nonAscii = false;
    for (int i = 0; i < decoded.length(); ) {
      int c = decoded.codePointAt(i);
      if (c < 0x80) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return false;
        }
      } else if (!isAllowedInLabel(c, i == 0)) {
        return false;
      } else {
        nonAscii = true;
      }
      i += Character.charCount(c);
    }
    return nonAscii && meetsBidiRule(decoded);
  }

  private static boolean isAllowedInLabel(int c, boolean first) {
    if (c == 0x3002 || c == 0xFF0E || c == 0xFF61 || Character.isWhitespace(c) || Character.isSpaceChar(c)
        || Character.isUpperCase(c) || Character.isTitleCase(c)) {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED ->
          false;
      case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> !first;
      default -> true;
    };
  }

  /** RFC 5893 section 2, applied to one label (a label without R, AL or AN characters passes). */
  private static boolean meetsBidiRule(String label) {
    int[] classes = label.codePoints().map(Character::getDirectionality).toArray();
    boolean rtlContent = false;
    for (int d : classes) {
      rtlContent |= d == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
          || d == Character.DIRECTIONALITY_ARABIC_NUMBER;
    }
    if (!rtlContent) {
      return true;
    }
    int first = classes[0];
    if (first != Character.DIRECTIONALITY_RIGHT_TO_LEFT && first != Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
      return false; // a left-to-right label may not contain right-to-left or Arabic-Indic digit characters
    }
    boolean european = false;
    boolean arabic = false;
    for (int d : classes) {
      switch (d) {
        case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
            Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR, Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR,
            Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR, Character.DIRECTIONALITY_OTHER_NEUTRALS,
            Character.DIRECTIONALITY_BOUNDARY_NEUTRAL, Character.DIRECTIONALITY_NONSPACING_MARK -> {}
        case Character.DIRECTIONALITY_EUROPEAN_NUMBER -> european = true;
        case Character.DIRECTIONALITY_ARABIC_NUMBER -> arabic = true;
        default -> {
          return false;
        }
      }
    }
    int last = classes.length - 1;
    while (last > 0 && classes[last] == Character.DIRECTIONALITY_NONSPACING_MARK) {
      last--;
    }
    int end = classes[last];
    boolean endsWell = end == Character.DIRECTIONALITY_RIGHT_TO_LEFT
        || end == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
        || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER
        || end == Character.DIRECTIONALITY_ARABIC_NUMBER;
    return endsWell && !(european && arabic);
  }

  // ---------------------------------------------------------------- path and query

  private static String canonicalPathAndQuery(String pathAndQuery) {
    StringBuilder out = new StringBuilder(pathAndQuery.length() + 16);
    if (pathAndQuery.isEmpty() || pathAndQuery.charAt(0) == '?') {
      out.append('/');
    }
    for (int i = 0; i < pathAndQuery.length(); ) {
      int c = pathAndQuery.codePointAt(i);
      if (c == '%' && !(isHexDigit(pathAndQuery, i + 1) && isHexDigit(pathAndQuery, i + 2))) {
        throw invalid("invalid percent-escape ('%' must be followed by two hex digits)");
      }
      if (c < 0x80 && ALWAYS_ENCODED.indexOf(c) < 0) {
        out.append((char) c);
      } else {
        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
        }
      }
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static boolean isHexDigit(String text, int index) {
    if (index >= text.length()) {
      return false;
    }
    char c = text.charAt(index);
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // ---------------------------------------------------------------- helpers

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String toLowerAscii(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  private static ClientError invalid(String detail) {
    return new ClientError(ErrorMessages.WEBHOOK_INVALID, detail);
  }
}
