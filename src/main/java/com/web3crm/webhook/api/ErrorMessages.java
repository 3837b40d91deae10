package com.web3crm.webhook.api;

import java.util.List;

/** Every {@code message} the API can answer with, in one place. The first five are the platform's own phrases. */
public final class ErrorMessages {
  private ErrorMessages() {}

  public static final String CREDENTIALS_MISSING = "api_key or api_secret missing";
  public static final String CREDENTIALS_INVALID = "api_key or api_secret invalid";
  public static final String WEBHOOK_INVALID = "webhook invalid";
  public static final String WEBHOOK_LOGIN_INVALID = "webhook_login invalid";
  public static final String WEBHOOK_PASS_INVALID = "webhook_pass invalid";

  /** The fields POST /crm_register_webhook accepts, in the order they are listed to clients. */
  public static final List<String> WEBHOOK_FIELDS = List.of("webhook", "webhook_login", "webhook_pass");

  public static final String NO_WEBHOOK_FIELD =
      "no webhook field given: send at least one of webhook, webhook_login, webhook_pass";
  public static final String UNSUPPORTED_CONTENT_TYPE =
      "unsupported Content-Type: use application/x-www-form-urlencoded, application/json or multipart/form-data";
  public static final String BODY_INVALID = "body invalid";
  public static final String BODY_TOO_LARGE = "body too large: at most 16384 bytes";

  /** Body size limit in bytes, after base64 decoding. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  public static final String INTERNAL_ERROR = "internal error";

  /** {@code unknown field: NAME; allowed: webhook, webhook_login, webhook_pass}. The name is shortened if huge. */
  public static String unknownField(String name) {
    return "unknown field: " + shorten(name) + "; allowed: webhook, webhook_login, webhook_pass";
  }

  /** {@code ambiguous input: NAME given more than once with different values}. */
  public static String ambiguous(String name) {
    return "ambiguous input: " + shorten(name) + " given more than once with different values";
  }

  /** At most 64 characters of {@code name}, never splitting a surrogate pair. */
  private static String shorten(String name) {
    if (name.length() <= 64) {
      return name;
    }
    int end = Character.isHighSurrogate(name.charAt(63)) ? 63 : 64;
    return name.substring(0, end) + "...";
  }
}
