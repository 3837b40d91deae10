package com.web3crm.webhook.rules;

/**
 * RFC 3492 Punycode decoding of one {@code xn--} label, to check that a host given in ASCII form really is an
 * encoded internationalized label. {@link java.net.IDN#toUnicode} cannot be used for that: it applies IDNA 2003 and
 * returns labels it cannot round-trip (such as {@code xn--fa-hia}, "faß", valid for browsers) unchanged.
 */
final class Punycode {
  private Punycode() {}

  private static final int BASE = 36;
  private static final int TMIN = 1;
  private static final int TMAX = 26;
  private static final int SKEW = 38;
  private static final int DAMP = 700;
  private static final int INITIAL_BIAS = 72;
  private static final int INITIAL_N = 128;

  /**
   * Decodes the part of a label after {@code xn--}.
   *
   * @return the decoded label, or null when {@code encoded} is not valid Punycode
   */
  static String decode(String encoded) {
    int delimiter = encoded.lastIndexOf('-');
    StringBuilder output = new StringBuilder();
    for (int j = 0; j < Math.max(delimiter, 0); j++) {
      char c = encoded.charAt(j);
      if (c >= 0x80) {
        return null;
      }
      output.append(c);
    }
    int[] codePoints = output.codePoints().toArray();
    int length = codePoints.length;
    int[] out = new int[encoded.length()];
    System.arraycopy(codePoints, 0, out, 0, length);

    int n = INITIAL_N;
    int i = 0;
    int bias = INITIAL_BIAS;
    int in = delimiter > 0 ? delimiter + 1 : 0;
    while (in < encoded.length()) {
      int oldI = i;
      int w = 1;
      for (int k = BASE; ; k += BASE) {
        if (in >= encoded.length()) {
          return null;
        }
        int digit = digit(encoded.charAt(in++));
        if (digit < 0 || digit > (Integer.MAX_VALUE - i) / w) {
          return null;
        }
        i += digit * w;
        int t = k <= bias ? TMIN : Math.min(k - bias, TMAX);
        if (digit < t) {
          break;
        }
        if (w > Integer.MAX_VALUE / (BASE - t)) {
          return null;
        }
        w *= BASE - t;
      }
      bias = adapt(i - oldI, length + 1, oldI == 0);
      if (i / (length + 1) > Integer.MAX_VALUE - n) {
        return null;
      }
      n += i / (length + 1);
      i %= length + 1;
      if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF) || length == out.length) {
        return null;
      }
      System.arraycopy(out, i, out, i + 1, length - i);
      out[i++] = n;
      length++;
    }
    return new String(out, 0, length);
  }

  private static int digit(char c) {
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 26;
    }
    return -1;
  }

  private static int adapt(int delta, int points, boolean first) {
    delta = first ? delta / DAMP : delta / 2;
    delta += delta / points;
    int k = 0;
    while (delta > ((BASE - TMIN) * TMAX) / 2) {
      delta /= BASE - TMIN;
      k += BASE;
    }
    return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
  }
}
