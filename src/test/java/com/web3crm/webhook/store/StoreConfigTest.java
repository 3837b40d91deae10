package com.web3crm.webhook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreConfig#REQUIRED_VARIABLES} and {@link StoreConfig#LOCAL_ONLY_VARIABLES} are what the template checks
 * (TemplateChecks, through FunctionEnvironment) compare with the template's environment, so they must be exactly
 * what {@link StoreConfig#fromEnvironment} reads: this observes it reading.
 */
class StoreConfigTest {
  private static final Map<String, String> COMPLETE =
      Map.of("TABLE_NAME", "t", "AWS_REGION", "eu-west-1", "DYNAMODB_ENDPOINT", "http://127.0.0.1:8000");

  @Test
  void fromEnvironment_readsExactlyTheRequiredAndLocalOnlyVariables() {
    List<String> read = new ArrayList<>();
    Map<String, String> recording = new HashMap<>(COMPLETE) {
      @Override
      public String get(Object key) {
        read.add((String) key);
        return super.get(key);
      }
    };

    StoreConfig.fromEnvironment(recording);

    Set<String> declared = new LinkedHashSet<>(StoreConfig.REQUIRED_VARIABLES);
    declared.addAll(StoreConfig.LOCAL_ONLY_VARIABLES);
    assertThat(new LinkedHashSet<>(read)).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void fromEnvironment_startsWithTheRequiredVariablesAlone_andFailsWithoutAnyOneOfThem() {
    Map<String, String> required = new HashMap<>();
    StoreConfig.REQUIRED_VARIABLES.forEach(name -> required.put(name, COMPLETE.get(name)));

    StoreConfig config = StoreConfig.fromEnvironment(required);

    assertThat(config.tableName()).isEqualTo("t");
    assertThat(config.endpoint()).isEmpty();
    for (String name : StoreConfig.REQUIRED_VARIABLES) {
      Map<String, String> missing = new HashMap<>(required);
      missing.remove(name);
      assertThatThrownBy(() -> StoreConfig.fromEnvironment(missing)).hasMessageContaining(name + " is not set");
    }
  }
}
