package com.web3crm.webhook.body;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )} tail of a header value (RFC 9110 5.6.6),
 * shared by Content-Type and a multipart part's Content-Disposition.
 */
final class HeaderParameters {
  private HeaderParameters() {}

  /**
   * Parses the parameters of {@code value} from {@code from} to its end.
   *
   * @param unicode whether a quoted-string may hold any character but a control (a multipart field name may be
   *     raw UTF-8); otherwise only what RFC 9110 allows (up to U+00FF)
   * @return lower-cased name → unquoted value, in order; null if the text does not parse or a name repeats
   */
  static Map<String, String> parse(String value, int from, boolean unicode) {
    Map<String, String> params = new LinkedHashMap<>();
    int end = value.length();
    int i = from;
    while (true) {
      i = skipOws(value, i, end);
      if (i == end) {
        return params;
      }
      if (value.charAt(i) != ';') {
        return null;
      }
      i = skipOws(value, i + 1, end);
      if (i == end || value.charAt(i) == ';') {
        continue; // an empty parameter, allowed by the grammar
      }
      int start = i;
      i = skipToken(value, i, end);
      if (i == start || i == end || value.charAt(i) != '=') {
        return null;
      }
      String name = value.substring(start, i).toLowerCase(Locale.ROOT);
      i++;
      String paramValue;
      if (i < end && value.charAt(i) == '"') {
        StringBuilder out = new StringBuilder();
        i++;
        while (true) {
          if (i == end) {
            return null;
          }
          char c = value.charAt(i++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (i == end || !quotable(value.charAt(i), unicode)) {
              return null;
            }
            out.append(value.charAt(i++));
          } else if (quotable(c, unicode)) {
            out.append(c);
          } else {
            return null;
          }
        }
        paramValue = out.toString();
      } else {
        start = i;
        i = skipToken(value, i, end);
        if (i == start) {
          return null;
        }
        paramValue = value.substring(start, i);
      }
      if (params.putIfAbsent(name, paramValue) != null) {
        return null;
      }
    }
  }

  /** Whether {@code c} may stand in a quoted-string (escaped or not; '"' and '\' only escaped). */
  private static boolean quotable(char c, boolean unicode) {
    if (c == '\t') {
      return true;
    }
    if (c < 0x20 || c == 0x7f) {
      return false;
    }
    return unicode || c <= 0xff;
  }

  static int skipOws(String s, int i, int end) {
    while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  static int skipToken(String s, int i, int end) {
    while (i < end && isTchar(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** RFC 9110 tchar. */
  static boolean isTchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
