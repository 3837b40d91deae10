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

  /**
   * {@code unknown field: NAME; allowed: webhook, webhook_login, webhook_pass}. The name is shown only when it
   * looks like a field name ({@link #displayName}).
   */
  public static String unknownField(String name) {
    return "unknown field: " + displayName(name) + "; allowed: webhook, webhook_login, webhook_pass";
  }

  /**
   * The answer to a field other than the three, wherever it is found (a JSON value of the wrong type under an
   * unknown name is an unknown field first): {@link #unknownField} with a hint at the likeliest mistake, JSON sent
   * as a form (curl -d without a Content-Type).
   */
  public static ClientError unknownFieldError(String name) {
    String hint = name.stripLeading().startsWith("{")
        ? "the body looks like JSON but was sent as a form: add the header Content-Type: application/json"
        : "field names are case-sensitive";
    return new ClientError(unknownField(name), hint);
  }

  /** {@code ambiguous input: NAME given more than once with different values}. */
  public static String ambiguous(String name) {
    return "ambiguous input: " + displayName(name) + " given more than once with different values";
  }

  /** What stands for a name the client sent when it is not shown. */
  public static final String NAME_NOT_SHOWN = "(name not shown: not a plain field name)";

  /**
   * A client-sent name as it may appear in a message: itself when it is a plain name (1-64 of
   * {@code A-Z a-z 0-9 _ - .}, plus {@code " header"} for headers), else {@link #NAME_NOT_SHOWN}. A "name" can be
   * anything: JSON sent as a form turns the whole body, passwords included, into one field name, and an answer
   * must never repeat a secret.
   */
  public static String displayName(String name) {
    String bare = name.endsWith(" header") ? name.substring(0, name.length() - " header".length()) : name;
    if (bare.isEmpty() || bare.length() > 64) {
      return NAME_NOT_SHOWN;
    }
    for (int i = 0; i < bare.length(); i++) {
      char c = bare.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.';
      if (!plain) {
        return NAME_NOT_SHOWN;
      }
    }
    return name;
  }
}
