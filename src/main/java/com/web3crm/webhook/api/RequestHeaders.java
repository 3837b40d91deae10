package com.web3crm.webhook.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Header lookup for API Gateway v1 events, as the contract defines it: names are case-insensitive in ASCII (RFC 9110
 * field names are tokens; {@link String#equalsIgnoreCase} would also take {@code AP\u0130_KEY} or
 * {@code api_\u017Fecret} for {@code api_key} and {@code api_secret}, names no proxy reads as those); both
 * {@code headers} and {@code multiValueHeaders} are read (either may be null, and so may any name, value or
 * list inside them); values are trimmed; a header given more than once with different values is ambiguous.
 */
public final class RequestHeaders {
  private RequestHeaders() {}

  /**
   * The trimmed value of header {@code name}, or null when the event does not carry it.
   *
   * @throws ClientError {@code ambiguous input} when it carries different values for it
   */
  public static String single(APIGatewayProxyRequestEvent event, String name) {
    List<String> values = new ArrayList<>(2);
    if (event != null) {
      collect(event.getHeaders(), name, values);
      collectMulti(event.getMultiValueHeaders(), name, values);
    }
    String found = null;
    for (String value : values) {
      if (found == null) {
        found = value;
      } else if (!found.equals(value)) {
        throw new ClientError(ErrorMessages.ambiguous(name + " header"), "send each header once");
      }
    }
    return found;
  }

  private static void collect(Map<String, String> headers, String name, List<String> into) {
    if (headers == null) {
      return;
    }
    for (Map.Entry<String, String> entry : headers.entrySet()) {
      if (sameName(name, entry.getKey()) && entry.getValue() != null) {
        into.add(entry.getValue().strip());
      }
    }
  }

  private static void collectMulti(Map<String, List<String>> headers, String name, List<String> into) {
    if (headers == null) {
      return;
    }
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      if (sameName(name, entry.getKey()) && entry.getValue() != null) {
        for (String value : entry.getValue()) {
          if (value != null) {
            into.add(value.strip());
          }
        }
      }
    }
  }

  /** Whether header name {@code candidate} is {@code name}, ignoring ASCII case only. */
  public static boolean sameName(String name, String candidate) {
    if (candidate == null || candidate.length() != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char a = name.charAt(i);
      char b = candidate.charAt(i);
      if (a != b && asciiLower(a) != asciiLower(b)) {
        return false;
      }
    }
    return true;
  }

  private static char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
