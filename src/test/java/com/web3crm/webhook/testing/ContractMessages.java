package com.web3crm.webhook.testing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code message} values of a 400 answer, written out from {@code docs/API.md} rather than taken from the
 * production constants, so a test that compares against these notices when the API's wording drifts from the
 * contract.
 */
public final class ContractMessages {
  private ContractMessages() {}

  public static final String CREDENTIALS_MISSING = "api_key or api_secret missing";
  public static final String CREDENTIALS_INVALID = "api_key or api_secret invalid";
  public static final String WEBHOOK_INVALID = "webhook invalid";
  public static final String LOGIN_INVALID = "webhook_login invalid";
  public static final String PASS_INVALID = "webhook_pass invalid";
  public static final String NO_FIELD =
      "no webhook field given: send at least one of webhook, webhook_login, webhook_pass";
  public static final String UNSUPPORTED_CONTENT_TYPE =
      "unsupported Content-Type: use application/x-www-form-urlencoded, application/json or multipart/form-data";
  public static final String BODY_INVALID = "body invalid";
  public static final String BODY_TOO_LARGE = "body too large: at most 16384 bytes";
  public static final String NAME_NOT_SHOWN = "(name not shown: not a plain field name)";

  /** The messages without client input in them. */
  public static final List<String> FIXED =
      List.of(
          CREDENTIALS_MISSING, CREDENTIALS_INVALID, WEBHOOK_INVALID, LOGIN_INVALID, PASS_INVALID, NO_FIELD,
          UNSUPPORTED_CONTENT_TYPE, BODY_INVALID, BODY_TOO_LARGE);

  private static final String SHOWN_NAME = "(?:[A-Za-z0-9_.-]{1,64}|" + Pattern.quote(NAME_NOT_SHOWN) + ")";
  private static final Pattern UNKNOWN_FIELD =
      Pattern.compile("unknown field: " + SHOWN_NAME + "; allowed: webhook, webhook_login, webhook_pass");
  private static final Pattern AMBIGUOUS =
      Pattern.compile(
          "ambiguous input: (?:" + SHOWN_NAME + "|[A-Za-z0-9_.-]{1,64} header)"
              + " given more than once with different values");

  /** Whether {@code message} is one the contract documents. */
  public static boolean documented(String message) {
    return FIXED.contains(message)
        || UNKNOWN_FIELD.matcher(message).matches()
        || AMBIGUOUS.matcher(message).matches();
  }

  /** The contract's rule for showing a client-sent name: a plain name (letters, digits, _ - .; 1 to 64) or not. */
  public static String shown(String name) {
    return name.matches("[A-Za-z0-9_.-]{1,64}") ? name : NAME_NOT_SHOWN;
  }

  public static String unknownField(String name) {
    return "unknown field: " + shown(name) + "; allowed: webhook, webhook_login, webhook_pass";
  }

  public static String ambiguousField(String name) {
    return "ambiguous input: " + shown(name) + " given more than once with different values";
  }

  /** For the three headers the handlers read: their names are plain, so they are always shown. */
  public static String ambiguousHeader(String name) {
    return "ambiguous input: " + name + " header given more than once with different values";
  }

  /** What the log line's {@code reason} holds for a 400: the message up to its first colon. */
  public static String fixedPart(String message) {
    int colon = message.indexOf(':');
    return colon < 0 ? message : message.substring(0, colon);
  }
}
