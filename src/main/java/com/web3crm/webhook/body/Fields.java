package com.web3crm.webhook.body;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fields a decoder found, in order. {@link #toMap()} applies the rules common to every encoding: a name given
 * twice with different values is ambiguous, with the same value it counts once; no name or value may hold a lone
 * surrogate.
 *
 * <p>Decoders add every field first and call {@link #toMap()} last, so a syntax error anywhere in the body is
 * reported before an ambiguity.
 */
final class Fields {
  private final List<String> names = new ArrayList<>();
  private final List<String> values = new ArrayList<>();

  /** @param value null for JSON null */
  void add(String name, String value) {
    names.add(name);
    values.add(value);
  }

  Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String value = values.get(i);
      if (Text.hasLoneSurrogate(name) || (value != null && Text.hasLoneSurrogate(value))) {
        throw new ClientError(ErrorMessages.BODY_INVALID, "unpaired surrogate in a field name or value");
      }
      if (!map.containsKey(name)) {
        map.put(name, value);
      } else if (!Objects.equals(map.get(name), value)) {
        throw new ClientError(ErrorMessages.ambiguous(name), "each field may be given once");
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
