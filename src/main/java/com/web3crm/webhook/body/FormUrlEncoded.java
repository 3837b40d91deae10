package com.web3crm.webhook.body;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded}: {@code name=value} pairs joined by '&', each side percent-decoded
 * ('+' is a space) to bytes that must be strict UTF-8.
 */
final class FormUrlEncoded {
  private FormUrlEncoded() {}

  static Map<String, String> decode(String text) {
    Fields fields = new Fields();
    // one buffer for every component: a char becomes at most 3 bytes (a surrogate pair, 2 chars, 4 bytes)
    byte[] buffer = new byte[3 * text.length()];
    int n = text.length();
    int start = 0;
    while (start < n) {
      int end = start;
      int equals = -1;
      while (end < n && text.charAt(end) != '&') {
        if (equals < 0 && text.charAt(end) == '=') {
          equals = end;
        }
        end++;
      }
      if (end > start) {
        if (equals < 0) {
          fields.add(component(text, start, end, buffer), "");
        } else {
          fields.add(component(text, start, equals, buffer), component(text, equals + 1, end, buffer));
        }
      }
      start = end + 1;
    }
    return fields.toMap();
  }

  /** Percent-decodes {@code text[from, to)}. */
  private static String component(String text, int from, int to, byte[] buffer) {
    int len = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '+') {
        buffer[len++] = ' ';
      } else if (c == '%') {
        int high = i + 2 < to ? hex(text.charAt(i + 1)) : -1;
        int low = i + 2 < to ? hex(text.charAt(i + 2)) : -1;
        if (high < 0 || low < 0) {
          throw new ClientError(ErrorMessages.BODY_INVALID, "invalid percent-escape in form body");
        }
        buffer[len++] = (byte) (high << 4 | low);
        i += 2;
      } else if (c < 0x80) {
        buffer[len++] = (byte) c;
      } else if (c < 0x800) {
        buffer[len++] = (byte) (0xc0 | c >> 6);
        buffer[len++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        buffer[len++] = (byte) (0xf0 | cp >> 18);
        buffer[len++] = (byte) (0x80 | (cp >> 12 & 0x3f));
        buffer[len++] = (byte) (0x80 | (cp >> 6 & 0x3f));
        buffer[len++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        throw notUtf8(); // a lone surrogate in the raw text: no UTF-8 byte sequence stands for it
      } else {
        buffer[len++] = (byte) (0xe0 | c >> 12);
        buffer[len++] = (byte) (0x80 | (c >> 6 & 0x3f));
        buffer[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    String decoded = Text.strictUtf8(buffer, 0, len);
    if (decoded == null) {
      throw notUtf8();
    }
    return decoded;
  }

  private static ClientError notUtf8() {
    return new ClientError(
        ErrorMessages.BODY_INVALID, "form field is not valid UTF-8 after percent-decoding");
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
