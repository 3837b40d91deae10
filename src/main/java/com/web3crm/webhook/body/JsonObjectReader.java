package com.web3crm.webhook.body;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.Map;

/**
 * A strict RFC 8259 reader for the one shape a JSON body may have: a single object whose values are strings or
 * null. Anything else is rejected at its first character, so nesting is never descended into and costs nothing.
 *
 * <p>Error details give an offset (in chars) and, for a value of the wrong type, the field name; never other body
 * text. A wrong-typed value under a name other than the three fields is answered as the unknown field it is, the
 * same answer the field would get with a string value.
 */
final class JsonObjectReader {
  private final String text;
  private final int end;
  private int pos;

  private JsonObjectReader(String text) {
    this.text = text;
    this.end = text.length();
  }

  /** @return name → value in order, a JSON null as a null value */
  static Map<String, String> read(String text) {
    return new JsonObjectReader(text).object();
  }

  private Map<String, String> object() {
    skipWhitespace();
    if (pos == end || text.charAt(pos) != '{') {
      throw new ClientError(ErrorMessages.BODY_INVALID, "body must be a JSON object");
    }
    pos++;
    Fields fields = new Fields();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        skipWhitespace();
        char c = peek();
        if (c != '"') {
          throw c == '}'
              ? invalid("trailing comma before '}' at offset " + pos)
              : invalid("expected a string field name at offset " + pos);
        }
        String name = string();
        skipWhitespace();
        if (peek() != ':') {
          throw invalid("expected ':' after a field name at offset " + pos);
        }
        pos++;
        skipWhitespace();
        fields.add(name, value(name));
        skipWhitespace();
        c = peek();
        pos++;
        if (c == '}') {
          break;
        }
        if (c != ',') {
          throw invalid("expected ',' or '}' at offset " + (pos - 1));
        }
      }
    }
    skipWhitespace();
    if (pos < end) {
      throw invalid("unexpected text after the JSON object at offset " + pos);
    }
    return fields.toMap();
  }

  private String value(String name) {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == 'n') {
      if (text.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      if ("null".startsWith(text.substring(pos))) {
        throw truncated();
      }
      throw invalid("invalid value at offset " + pos);
    }
    if (c == '{' || c == '[' || c == 't' || c == 'f' || c == '-' || (c >= '0' && c <= '9')) {
      if (!ErrorMessages.WEBHOOK_FIELDS.contains(name)) {
        throw ErrorMessages.unknownFieldError(name);
      }
      throw new ClientError(
          ErrorMessages.BODY_INVALID, "field " + ErrorMessages.displayName(name) + " must be a string or null");
    }
    throw invalid("invalid value at offset " + pos);
  }

  /** A string literal starting at the opening quote at {@code pos}; leaves {@code pos} after the closing one. */
  private String string() {
    StringBuilder out = new StringBuilder();
    pos++;
    while (true) {
      char c = peek();
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c < 0x20) {
        throw invalid("control character in a string at offset " + pos);
      }
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      int escape = pos;
      pos++;
      char e = peek();
      pos++;
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          char unit = hex4();
          if (Character.isHighSurrogate(unit)) {
            if (pos + 1 < end && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
              pos += 2;
              char low = hex4();
              if (!Character.isLowSurrogate(low)) {
                throw unpaired(escape);
              }
              out.append(unit).append(low);
            } else if (pos >= end || (pos + 1 == end && text.charAt(pos) == '\\')) {
              throw truncated();
            } else {
              throw unpaired(escape);
            }
          } else if (Character.isLowSurrogate(unit)) {
            throw unpaired(escape);
          } else {
            out.append(unit);
          }
        }
        default -> throw invalid("invalid escape sequence at offset " + escape);
      }
    }
  }

  /** The four hex digits at {@code pos}, as a UTF-16 code unit. */
  private char hex4() {
    if (pos + 4 > end) {
      throw truncated();
    }
    int unit = 0;
    for (int i = 0; i < 4; i++) {
      char c = text.charAt(pos + i);
      int digit = c >= '0' && c <= '9' ? c - '0'
          : c >= 'a' && c <= 'f' ? c - 'a' + 10
          : c >= 'A' && c <= 'F' ? c - 'A' + 10
          : -1;
      if (digit < 0) {
        throw invalid("invalid \\u escape at offset " + (pos - 2));
      }
      unit = unit << 4 | digit;
    }
    pos += 4;
    return (char) unit;
  }

  /** The char at {@code pos}; a truncated-body error at the end. */
  private char peek() {
    if (pos >= end) {
      throw truncated();
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < end) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static ClientError unpaired(int offset) {
    return invalid("unpaired surrogate in a \\u escape at offset " + offset);
  }

  private static ClientError truncated() {
    return invalid("the body ends before the JSON object does");
  }

  private static ClientError invalid(String why) {
    return new ClientError(ErrorMessages.BODY_INVALID, "invalid JSON: " + why);
  }
}
