package com.web3crm.webhook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreConfig#REQUIRED_VARIABLES} and {@link StoreConfig#LOCAL_ONLY_VARIABLES} are what the template checks
 * (TemplateChecks) compare with the template's environment, so they must be exactly what the functions read: this
 * observes {@link StoreConfig#fromEnvironment} reading, and scans the functions' sources for any other read of the
 * environment.
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

  /**
   * A function reading another variable (System.getenv elsewhere) would escape the template check of its
   * environment: the one read of the process environment in src/main is CollectionStore's, through StoreConfig.
   * A new one must be added to StoreConfig's lists (or a list like them that TemplateChecks reads).
   */
  @Test
  void theFunctionsReadTheEnvironmentOnlyThroughStoreConfig() throws IOException {
    Pattern read = Pattern.compile("System\\.getenv\\s*\\(([^)]*)\\)");
    List<String> reads = new ArrayList<>();
    Path main = TestDynamoDb.projectDir().resolve("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Matcher matcher = read.matcher(Files.readString(file));
        while (matcher.find()) {
          reads.add(main.relativize(file).toString().replace('\\', '/') + ": " + matcher.group());
        }
      }
    }
    assertThat(reads).containsExactly("com/web3crm/webhook/store/CollectionStore.java: System.getenv()");
    assertThat(Files.readString(main.resolve("com/web3crm/webhook/store/CollectionStore.java")))
        .contains("StoreConfig.fromEnvironment(System.getenv())");
  }
}
