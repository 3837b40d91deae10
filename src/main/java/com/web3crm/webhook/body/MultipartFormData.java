package com.web3crm.webhook.body;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code multipart/form-data} (RFC 7578 over RFC 2046), text fields only: what {@code curl -F name=value},
 * browsers and Postman's "form-data" send.
 *
 * <p>Works on the already UTF-8-decoded body text. Lines end with CRLF or a bare LF. A delimiter is
 * {@code "--" boundary} at the start of a line, followed by optional spaces/tabs and a line end, or by
 * {@code "--"} for the closing one; text before the first (preamble) and after the closing one (epilogue) is
 * ignored. A part is a header block, a blank line, and the value up to the line end before the next delimiter.
 * A line that starts with the delimiter but continues otherwise is malformed (the boundary may not occur in the
 * content). A body that is just the closing delimiter (an empty form, as browsers send it) has no fields; a
 * preamble followed by only the closing delimiter is malformed.
 *
 * <p>Error details never quote the body: part header values are body content.
 */
final class MultipartFormData {
  static final String TEXT_ONLY = "file uploads are not accepted; send text fields only";

  private final String text;
  private final int end;
  private final String delimiter;
  private final String lineDelimiter;

  private MultipartFormData(String text, String boundary) {
    this.text = text;
    this.end = text.length();
    this.delimiter = "--" + boundary;
    this.lineDelimiter = "\n" + delimiter;
  }

  /** @param boundary the Content-Type's boundary parameter, 1–70 chars */
  static Map<String, String> decode(String text, String boundary) {
    return new MultipartFormData(text, boundary).parts();
  }

  private Map<String, String> parts() {
    int pos;
    if (text.startsWith(delimiter)) {
      pos = 0;
    } else {
      int found = text.indexOf(lineDelimiter);
      if (found < 0) {
        throw malformed("the boundary from the Content-Type does not occur in the body");
      }
      pos = found + 1;
    }
    if (pos > 0 && text.startsWith("--", pos + delimiter.length())) {
      throw malformed("no part before the closing boundary delimiter");
    }
    pos += delimiter.length();
    Fields fields = new Fields();
    while (!text.startsWith("--", pos)) {
      pos = afterDelimiterLine(pos);
      pos = part(pos, fields);
    }
    return fields.toMap();
  }

  /** After a delimiter that is not the closing one: transport padding, then the line end. */
  private int afterDelimiterLine(int pos) {
    pos = HeaderParameters.skipOws(text, pos, end);
    if (text.startsWith("\r\n", pos)) {
      return pos + 2;
    }
    if (text.startsWith("\n", pos)) {
      return pos + 1;
    }
    throw pos == end
        ? malformed("the body ends after a boundary delimiter")
        : malformed("unexpected text after a boundary delimiter");
  }

  /** One part from {@code pos} (after its opening delimiter line); returns the position after the next delimiter. */
  private int part(int pos, Fields fields) {
    List<Header> headers = new ArrayList<>();
    int blankLineEnd; // the '\n' of the blank line that ends the headers
    while (true) {
      if (text.startsWith(delimiter, pos)) {
        throw malformed("a part has no blank line after its headers");
      }
      int newline = text.indexOf('\n', pos);
      if (newline < 0) {
        throw malformed("the body ends inside a part's headers");
      }
      int next = newline + 1;
      int lineEnd = newline > pos && text.charAt(newline - 1) == '\r' ? newline - 1 : newline;
      if (lineEnd == pos) {
        blankLineEnd = newline;
        break;
      }
      headerLine(text.substring(pos, lineEnd), headers);
      pos = next;
    }
    String name = fieldName(headers);

    // The blank line's line end may itself be the one that starts the next delimiter: RFC 2046 makes a part's
    // content optional (body-part := MIME-part-headers [CRLF *OCTET]), so "headers CRLF CRLF --b" is an empty value.
    int valueStart = blankLineEnd + 1;
    int found = text.indexOf(lineDelimiter, blankLineEnd);
    if (found < 0) {
      throw malformed("no closing boundary delimiter");
    }
    int valueEnd = found > valueStart && text.charAt(found - 1) == '\r' ? found - 1 : found;
    fields.add(name, valueEnd <= valueStart ? "" : text.substring(valueStart, valueEnd));
    return found + 1 + delimiter.length();
  }

  /** A part header: lower-cased name, value (continuation lines appended). */
  private record Header(String name, StringBuilder value) {}

  /** Adds a header to {@code headers}, or continues the previous one (obsolete line folding). */
  private static void headerLine(String line, List<Header> headers) {
    if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      if (headers.isEmpty()) {
        throw malformed("a part's header block starts with a continuation line");
      }
      headers.get(headers.size() - 1).value().append(' ').append(trimOws(line));
      return;
    }
    int colon = line.indexOf(':');
    if (colon <= 0 || HeaderParameters.skipToken(line, 0, colon) != colon) {
      throw malformed("a part has an invalid header line");
    }
    String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
    headers.add(new Header(name, new StringBuilder(trimOws(line.substring(colon + 1)))));
  }

  /** Applies a part's headers; returns its field name. */
  private static String fieldName(List<Header> headers) {
    Map<String, String> disposition = null;
    boolean sawContentType = false;
    boolean sawTransferEncoding = false;
    for (Header header : headers) {
      String value = header.value().toString();
      switch (header.name()) {
        case "content-disposition" -> {
          if (disposition != null) {
            throw malformed("a part has two Content-Disposition headers");
          }
          disposition = disposition(value);
        }
        case "content-type" -> {
          if (sawContentType) {
            throw malformed("a part has two Content-Type headers");
          }
          sawContentType = true;
          Optional<MediaType> type = MediaType.parse(value);
          String charset = type.map(t -> t.parameter("charset")).orElse(null);
          if (type.isEmpty() || !type.get().essence().equals("text/plain")) {
            throw new ClientError(ErrorMessages.BODY_INVALID, TEXT_ONLY);
          }
          if (charset != null && !MediaType.isUtf8(charset)) {
            throw new ClientError(
                ErrorMessages.BODY_INVALID, "a part's charset is not supported; send text fields in UTF-8");
          }
        }
        case "content-transfer-encoding" -> {
          if (sawTransferEncoding) {
            throw malformed("a part has two Content-Transfer-Encoding headers");
          }
          sawTransferEncoding = true;
          String encoding = value.toLowerCase(Locale.ROOT);
          if (!encoding.equals("7bit") && !encoding.equals("8bit") && !encoding.equals("binary")) {
            throw malformed("a part's Content-Transfer-Encoding is not supported (send the value as is)");
          }
        }
        default -> {
          // other part headers carry nothing for a text field
        }
      }
    }
    if (disposition == null) {
      throw malformed("a part has no Content-Disposition header");
    }
    String name = disposition.get("name");
    if (name == null) {
      throw malformed("a part's Content-Disposition has no name");
    }
    return name;
  }

  /** The parameters of {@code form-data; name="..."}; rejects file parts. */
  private static Map<String, String> disposition(String value) {
    int typeEnd = HeaderParameters.skipToken(value, 0, value.length());
    if (!value.substring(0, typeEnd).equalsIgnoreCase("form-data")) {
      throw malformed("a part's Content-Disposition is not form-data");
    }
    Map<String, String> parameters = HeaderParameters.parse(value, typeEnd, true);
    if (parameters == null) {
      throw malformed("a part has an invalid Content-Disposition header");
    }
    if (parameters.containsKey("filename") || parameters.containsKey("filename*")) {
      throw new ClientError(ErrorMessages.BODY_INVALID, TEXT_ONLY);
    }
    return parameters;
  }

  private static String trimOws(String s) {
    int from = HeaderParameters.skipOws(s, 0, s.length());
    int to = s.length();
    while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
      to--;
    }
    return s.substring(from, to);
  }

  private static ClientError malformed(String why) {
    return new ClientError(ErrorMessages.BODY_INVALID, "multipart body is malformed: " + why);
  }
}
