package com.web3crm.webhook.api;

/** The one JSON writing primitive the functions need: a string literal, escaped per RFC 8259. */
public final class Json {
  private Json() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * {@code value} as a JSON string literal, or {@code null}. Non-ASCII text is kept as is (UTF-8 on the wire), except
   * U+2028, U+2029 and lone surrogates, which are escaped.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029 || lone(value, i)) {
            out.append("\\u");
            for (int shift = 12; shift >= 0; shift -= 4) {
              out.append(HEX[(c >> shift) & 0xf]);
            }
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * A surrogate at {@code i} that is not half of a pair: escaped as {@code \\uXXXX}, which JSON allows and reads back
   * as the same char, where UTF-8 would write it as {@code ?}.
   */
  private static boolean lone(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
    }
    return false;
  }
}
