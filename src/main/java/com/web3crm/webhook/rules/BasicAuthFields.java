package com.web3crm.webhook.rules;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;

/**
 * Rules for {@code webhook_login} and {@code webhook_pass}, the HTTP Basic credentials the platform will send to
 * the webhook. Any Unicode text is kept byte-exact, within these limits:
 * <ul>
 *   <li>fewer than {@value #MAX_CODE_POINTS_EXCLUSIVE} characters (Unicode code points);
 *   <li>no control characters (C0, DEL, C1), which could split or forge HTTP headers;
 *   <li>no unpaired surrogates (not text; could not be stored as UTF-8);
 *   <li>login only: no {@code :}, because RFC 7617 joins login and password with the first colon.
 * </ul>
 * Error details describe the problem and never repeat the value.
 */
public final class BasicAuthFields {
  private BasicAuthFields() {}

  public static final int MAX_CODE_POINTS_EXCLUSIVE = 250;

  /** @throws ClientError {@code webhook_login invalid} */
  public static String login(String value) {
    checkText(value, ErrorMessages.WEBHOOK_LOGIN_INVALID, "webhook_login");
    if (value.indexOf(':') >= 0) {
      throw new ClientError(
          ErrorMessages.WEBHOOK_LOGIN_INVALID, "webhook_login must not contain ':' (HTTP Basic auth cannot carry it)");
    }
    return value;
  }

  /** @throws ClientError {@code webhook_pass invalid} */
  public static String pass(String value) {
    checkText(value, ErrorMessages.WEBHOOK_PASS_INVALID, "webhook_pass");
    return value;
  }

  private static void checkText(String value, String message, String field) {
    int codePoints = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) { // codePointAt: only when unpaired
        throw new ClientError(message, field + " is not valid Unicode text");
      }
      if (Character.getType(cp) == Character.CONTROL) {
        throw new ClientError(message, field + " must not contain control characters");
      }
      codePoints++;
      i += Character.charCount(cp);
    }
    if (codePoints >= MAX_CODE_POINTS_EXCLUSIVE) {
      throw new ClientError(
          message, field + " must be shorter than " + MAX_CODE_POINTS_EXCLUSIVE + " characters");
    }
  }
}
