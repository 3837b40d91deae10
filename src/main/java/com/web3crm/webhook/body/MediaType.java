package com.web3crm.webhook.body;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed media type, {@code type "/" subtype *( OWS ";" OWS parameter )} (RFC 9110 8.3.1): type and subtype
 * lower-cased, parameter names lower-cased, parameter values unquoted and otherwise as sent.
 */
record MediaType(String type, String subtype, Map<String, String> parameters) {

  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";
  static final String MULTIPART = "multipart/form-data";

  /** Parses a header value; empty if it is not a media type (a repeated parameter counts as unparseable). */
  static Optional<MediaType> parse(String value) {
    int end = value.length();
    while (end > 0 && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
      end--;
    }
    String trimmed = value.substring(0, end);
    int i = HeaderParameters.skipOws(trimmed, 0, end);
    int start = i;
    i = HeaderParameters.skipToken(trimmed, i, end);
    if (i == start || i == end || trimmed.charAt(i) != '/') {
      return Optional.empty();
    }
    String type = trimmed.substring(start, i).toLowerCase(Locale.ROOT);
    start = ++i;
    i = HeaderParameters.skipToken(trimmed, i, end);
    if (i == start) {
      return Optional.empty();
    }
    String subtype = trimmed.substring(start, i).toLowerCase(Locale.ROOT);
    Map<String, String> parameters = HeaderParameters.parse(trimmed, i, false);
    return parameters == null
        ? Optional.empty()
        : Optional.of(new MediaType(type, subtype, Collections.unmodifiableMap(parameters)));
  }

  /** {@code type/subtype}, lower case. */
  String essence() {
    return type + "/" + subtype;
  }

  /** @param name lower case */
  String parameter(String name) {
    return parameters.get(name);
  }

  /** Whether a charset parameter value names UTF-8 or its subset US-ASCII. */
  static boolean isUtf8(String charset) {
    String c = charset.toLowerCase(Locale.ROOT);
    return c.equals("utf-8") || c.equals("utf8") || c.equals("us-ascii");
  }
}
