package com.web3crm.webhook.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.web3crm.webhook.api.ClientError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookChangeTest {

  @Test
  void from_absentKeeps_emptyOrNullClears_valueSetsCanonicalForm() {
    Map<String, String> fields = new HashMap<>();
    fields.put("webhook", "HTTPS://Hooks.Example.com:443/in");
    fields.put("webhook_login", "");
    WebhookChange change = WebhookChange.from(fields);

    assertThat(change.webhook()).isEqualTo(FieldChange.set("https://hooks.example.com/in"));
    assertThat(change.login()).isEqualTo(FieldChange.CLEAR);
    assertThat(change.pass()).isEqualTo(FieldChange.KEEP);

    Map<String, String> jsonNull = new HashMap<>();
    jsonNull.put("webhook_pass", null);
    assertThat(WebhookChange.from(jsonNull).pass()).isEqualTo(FieldChange.CLEAR);
  }

  @Test
  void from_noField_isRefused() {
    ClientError error = catchThrowableOfType(ClientError.class, () -> WebhookChange.from(Map.of()));

    assertThat(error.message()).startsWith("no webhook field given");
  }

  @Test
  void from_unknownField_namesItAndListsTheAllowedOnes_beforeValidatingValues() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("webhook", "http://not-https.example.com/");
    fields.put("callback", "x");

    ClientError error = catchThrowableOfType(ClientError.class, () -> WebhookChange.from(fields));

    assertThat(error.message()).isEqualTo("unknown field: callback; allowed: webhook, webhook_login, webhook_pass");
  }

  @Test
  void from_jsonSentAsAForm_getsAHintAboutContentType() {
    ClientError error = catchThrowableOfType(ClientError.class,
        () -> WebhookChange.from(Map.of("{\"webhook_login\":\"x\"}", "")));

    assertThat(error.message())
        .isEqualTo("unknown field: (name not shown: not a plain field name); allowed: webhook, webhook_login, webhook_pass");
    assertThat(error.detail()).contains("Content-Type: application/json");
  }

  @Test
  void from_hugeUnknownFieldName_isNotRepeated() {
    ClientError error = catchThrowableOfType(ClientError.class, () -> WebhookChange.from(Map.of("x".repeat(5000), "v")));

    assertThat(error.message()).hasSizeLessThan(200).doesNotContain("xxxxx");
  }

  @Test
  void from_unknownFieldCarryingASecret_neverEchoesIt() {
    for (String name : new String[] {"{\"webhook_pass\":\"hunter2-secret\"}", "pass=hunter2-secret", "hunter2 secret"}) {
      ClientError error = catchThrowableOfType(ClientError.class, () -> WebhookChange.from(Map.of(name, "")));

      assertThat(error.message()).doesNotContain("hunter2");
      assertThat(error.toString()).doesNotContain("hunter2");
    }
  }

  @Test
  void toString_neverShowsValues() {
    WebhookChange change = WebhookChange.from(Map.of("webhook_pass", "hunter2-secret", "webhook_login", "ops"));

    assertThat(change.toString()).doesNotContain("hunter2-secret");
  }
}
