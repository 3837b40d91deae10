package com.web3crm.webhook.body;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.Base64;
import java.util.Map;

/**
 * Decodes the body of an API Gateway (REST, v1 proxy) POST into its fields.
 *
 * <p>Checks run in this order: base64 and size (before any parsing), UTF-8 validity, the Content-Type header
 * (media type, charset, multipart boundary), then the body: an empty body has no fields whatever the type, any
 * other is decoded as form, JSON or multipart. Field names and values are not validated here, only decoded.
 */
public final class RequestBody {
  private RequestBody() {}

  private static final int MAX = ErrorMessages.MAX_BODY_BYTES;

  /** Base64 text longer than this decodes, if valid at all, to more than {@link #MAX} bytes. */
  private static final int MAX_BASE64_CHARS = 4 * ((MAX + 2) / 3);

  private static final int MAX_BOUNDARY = 70;

  private enum Kind {
    FORM,
    JSON,
    MULTIPART
  }

  private record Encoding(Kind kind, String boundary) {}

  /**
   * Decodes a POST body into its fields, in order of first appearance.
   *
   * @param body the event's body (may be null = empty)
   * @param isBase64Encoded the event's isBase64Encoded (null = false)
   * @param contentType the Content-Type header value, or null if absent (blank = absent)
   * @return name -> value; a JSON null value is returned as a null map value (meaning "clear"). Unmodifiable.
   * @throws ClientError for every problem (never any other exception, for ANY input)
   */
  public static Map<String, String> decodeFields(String body, Boolean isBase64Encoded, String contentType) {
    String text = withoutByteOrderMark(Boolean.TRUE.equals(isBase64Encoded) ? fromBase64(body) : fromText(body));
    Encoding encoding = encoding(contentType, text);
    if (text.isEmpty()) {
      return Map.of();
    }
    return switch (encoding.kind()) {
      case FORM -> FormUrlEncoded.decode(text);
      case JSON -> JsonObjectReader.read(text);
      case MULTIPART -> MultipartFormData.decode(text, encoding.boundary());
    };
  }

  /** A leading UTF-8 byte order mark is not part of the content (RFC 8259 allows ignoring it; some tools add it). */
  private static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static String fromBase64(String body) {
    if (body == null || body.isEmpty()) {
      return "";
    }
    if (body.length() > MAX_BASE64_CHARS) {
      throw new ClientError(
          ErrorMessages.BODY_TOO_LARGE, "the base64 body decodes to more than " + MAX + " bytes");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new ClientError(
          ErrorMessages.BODY_INVALID, "isBase64Encoded is true but the body is not valid base64");
    }
    if (bytes.length > MAX) {
      throw tooLarge(bytes.length);
    }
    String text = Text.strictUtf8(bytes, 0, bytes.length);
    if (text == null) {
      throw new ClientError(ErrorMessages.BODY_INVALID, "body is not valid UTF-8");
    }
    return text;
  }

  /**
   * A body API Gateway passed as text: its size is its UTF-8 length, and it must be representable in UTF-8. A
   * literal U+FFFD (replacement character) is refused too: it is what API Gateway puts in place of bytes that were
   * not valid UTF-8 when it passes a body as text, so the original could not be stored byte-exact. (The template's
   * {@code BinaryMediaTypes} make API Gateway pass bodies base64-encoded instead, which are checked exactly.)
   */
  private static String fromText(String body) {
    if (body == null) {
      return "";
    }
    if (body.length() > MAX) { // every char is at least one UTF-8 byte
      throw new ClientError(ErrorMessages.BODY_TOO_LARGE, "the body has more than " + MAX + " bytes");
    }
    int bytes = 0;
    boolean loneSurrogate = false;
    int n = body.length();
    for (int i = 0; i < n; i++) {
      char c = body.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(body.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        loneSurrogate |= Character.isSurrogate(c) || c == '\uFFFD';
        bytes += 3;
      }
    }
    if (bytes > MAX) {
      throw tooLarge(bytes);
    }
    if (loneSurrogate) {
      throw new ClientError(ErrorMessages.BODY_INVALID, "body is not valid UTF-8");
    }
    return body;
  }

  private static ClientError tooLarge(int bytes) {
    return new ClientError(ErrorMessages.BODY_TOO_LARGE, "the body has " + bytes + " bytes");
  }

  /** What the Content-Type asks for; without one, '{' as the first non-blank char means JSON, else a form. */
  private static Encoding encoding(String contentType, String text) {
    if (contentType == null || contentType.isBlank()) {
      return new Encoding(startsWithBrace(text) ? Kind.JSON : Kind.FORM, null);
    }
    MediaType mediaType =
        MediaType.parse(contentType)
            .orElseThrow(
                () ->
                    new ClientError(
                        ErrorMessages.UNSUPPORTED_CONTENT_TYPE,
                        "received an unparseable Content-Type: " + Text.shorten(contentType, 100)));
    Kind kind =
        switch (mediaType.essence()) {
          case MediaType.FORM -> Kind.FORM;
          case MediaType.JSON -> Kind.JSON;
          case MediaType.MULTIPART -> Kind.MULTIPART;
          default ->
              throw new ClientError(
                  ErrorMessages.UNSUPPORTED_CONTENT_TYPE,
                  "received Content-Type: " + Text.shorten(contentType, 100));
        };
    String charset = mediaType.parameter("charset");
    if (charset != null && !MediaType.isUtf8(charset)) {
      throw new ClientError(
          ErrorMessages.UNSUPPORTED_CONTENT_TYPE,
          "charset " + Text.shorten(charset, 100) + " is not supported; send UTF-8");
    }
    if (kind != Kind.MULTIPART) {
      return new Encoding(kind, null);
    }
    String boundary = mediaType.parameter("boundary");
    if (boundary == null) {
      throw new ClientError(
          ErrorMessages.BODY_INVALID, "multipart/form-data needs a boundary parameter in the Content-Type");
    }
    if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
      throw new ClientError(
          ErrorMessages.BODY_INVALID, "the multipart boundary must be 1 to " + MAX_BOUNDARY + " characters long");
    }
    return new Encoding(kind, boundary);
  }

  private static boolean startsWithBrace(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return c == '{';
      }
    }
    return false;
  }
}
