package com.web3crm.webhook.admin;

/** The rule for a {@code collection_id}: 1 to {@value #MAX_LENGTH} characters of {@code [A-Za-z0-9._:-]}. */
public final class CollectionIds {
  private CollectionIds() {}

  public static final int MAX_LENGTH = 128;
  static final String RULE = "1-" + MAX_LENGTH + " characters of A-Z a-z 0-9 . _ : -";

  /**
   * Returns null when {@code id} is valid, otherwise what is wrong with it. The reason describes the offending
   * character by position and code point, so odd input (control characters, spaces) never garbles the terminal.
   */
  public static String problem(String id) {
    if (id == null || id.isEmpty()) {
      return "it is empty (allowed: " + RULE + ")";
    }
    if (id.length() > MAX_LENGTH) {
      return "it is " + id.length() + " characters long (allowed: " + RULE + ")";
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!allowed(c)) {
        String shown = c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
        return "character " + shown + " at position " + (i + 1) + " is not allowed (allowed: " + RULE + ")";
      }
    }
    return null;
  }

  public static boolean isValid(String id) {
    return problem(id) == null;
  }

  private static boolean allowed(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-';
  }
}
