package com.web3crm.webhook.rules;

import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.ErrorMessages;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A validated register request: what to do to each of the three stored fields.
 *
 * <p>{@link #from} applies the contract's field rules in one place: only {@code webhook}, {@code webhook_login}
 * and {@code webhook_pass} are accepted; at least one must be present; an empty value (or JSON null) clears the
 * field; any other value must pass {@link WebhookUrl} or {@link BasicAuthFields}. {@link #toString()} never
 * shows a value.
 */
public record WebhookChange(FieldChange webhook, FieldChange login, FieldChange pass) {

  public WebhookChange {
    if (webhook == null || login == null || pass == null) {
      throw new IllegalArgumentException("every field has a change (KEEP when absent)");
    }
  }

  /**
   * @param fields the decoded body: name → value, a null value meaning JSON null
   * @throws ClientError for an unknown field, no field at all, or an invalid value
   */
  public static WebhookChange from(Map<String, String> fields) {
    for (String name : fields.keySet()) {
      if (!ErrorMessages.WEBHOOK_FIELDS.contains(name)) {
        throw ErrorMessages.unknownFieldError(name);
      }
    }
    if (fields.isEmpty()) {
      throw new ClientError(ErrorMessages.NO_WEBHOOK_FIELD, "the body carried none of the three fields");
    }
    return new WebhookChange(
        change(fields, "webhook", WebhookUrl::canonicalize),
        change(fields, "webhook_login", BasicAuthFields::login),
        change(fields, "webhook_pass", BasicAuthFields::pass));
  }

  private static FieldChange change(
      Map<String, String> fields, String name, UnaryOperator<String> validate) {
    if (!fields.containsKey(name)) {
      return FieldChange.KEEP;
    }
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      return FieldChange.CLEAR;
    }
    return FieldChange.set(validate.apply(value));
  }
}
