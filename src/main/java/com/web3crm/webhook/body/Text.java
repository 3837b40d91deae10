package com.web3crm.webhook.body;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Small text helpers shared by the decoders. */
final class Text {
  private Text() {}

  /**
   * {@code len} bytes from {@code off} decoded as strict UTF-8 (malformed input, overlong forms and encoded
   * surrogates all rejected), or null if they are not valid UTF-8.
   */
  static String strictUtf8(byte[] bytes, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Whether {@code s} has a surrogate that is not part of a high-low pair (text no UTF-8 can carry). */
  static boolean hasLoneSurrogate(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** {@code s} cut to {@code max} chars plus "..." if longer, never splitting a surrogate pair. */
  static String shorten(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, cut) + "...";
  }
}
