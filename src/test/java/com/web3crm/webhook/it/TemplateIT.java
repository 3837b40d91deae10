package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.local.SamTemplate;
import com.web3crm.webhook.testing.ObservedDynamoDbCalls;
import com.web3crm.webhook.testing.TemplateChecks;
import com.web3crm.webhook.testing.TemplateChecks.Artifact;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * template.yaml against what ships and what runs: {@link TemplateChecks} on the real template, the deployment
 * artifact ({@code target/lambda-artifact/lib/crm-webhook.jar}, loaded alone in a fresh class loader) and the
 * DynamoDB operations each handler class was seen calling against the test server ({@link ObservedDynamoDbCalls}).
 * Any problem fails the build: a handler name the jar cannot serve, a permission the handlers need and lack (or have
 * and never use), a route, a variable or a setting that differs from the code and the docs. TemplateChecksTest shows
 * each rule failing on a changed template.
 */
@ExtendWith(TestDynamoDb.class)
class TemplateIT {
  private static final Path JAR = TestDynamoDb.projectDir().resolve("target/lambda-artifact/lib/crm-webhook.jar");

  private static Artifact artifact;
  private static Map<String, Set<String>> observed;

  @BeforeAll
  static void observe(TestDynamoDb db) throws IOException {
    artifact = Artifact.jar(JAR);
    observed = ObservedDynamoDbCalls.observe(db);
    System.out.println("[TemplateIT] DynamoDB operations observed per handler class: " + observed);
  }

  @AfterAll
  static void close() throws IOException {
    ((URLClassLoader) artifact.classes()).close();
  }

  private static SamTemplate template() throws IOException {
    return SamTemplate.loadProject(TestDynamoDb.projectDir());
  }

  @Test
  void template_matchesTheArtifact_theObservedCalls_theCodeAndTheDocs() throws IOException {
    List<String> problems = TemplateChecks.problems(template(), artifact, observed);

    assertThat(problems).as("template.yaml problems").isEmpty();
  }

  @Test
  void eachHandler_wasSeenCallingExactlyTheOneOperationOfTheContract() {
    assertThat(observed).isEqualTo(Map.of(
        RegisterWebhookHandler.class.getName(), Set.of("UpdateItem"),
        GetWebhookHandler.class.getName(), Set.of("GetItem")));
  }

  /** The handler classes are loaded from the jar alone: a class of the test class path only is "not there". */
  @Test
  void aHandlerOnlyOnTheTestClassPath_isNotInTheArtifact() throws IOException {
    Map<String, Object> tree = template().copyOfTree();
    properties(tree, "GetWebhookFunction").put("Handler", "com.web3crm.webhook.admin.CollectionsCli::main");

    assertThat(TemplateChecks.problems(SamTemplate.of(tree), artifact, observed)).contains(
        "GetWebhookFunction: Handler com.web3crm.webhook.admin.CollectionsCli::main: class"
            + " com.web3crm.webhook.admin.CollectionsCli is not in the artifact (" + JAR + ")");
  }

  @Test
  void aMisspelledHandler_andAMissingPermission_failAgainstTheArtifactAndTheObservedCalls() throws IOException {
    Map<String, Object> tree = template().copyOfTree();
    properties(tree, "RegisterWebhookFunction").put("Handler", "com.web3crm.webhook.RegisterWebhookHandler::handle");
    statement(tree, "GetWebhookFunction").put("Action", List.of("dynamodb:Query"));

    assertThat(TemplateChecks.problems(SamTemplate.of(tree), artifact, observed)).containsExactlyInAnyOrder(
        "RegisterWebhookFunction: Handler com.web3crm.webhook.RegisterWebhookHandler::handle: class"
            + " com.web3crm.webhook.RegisterWebhookHandler has no public method handle(input, Context) or"
            + " handle(InputStream, OutputStream, Context)",
        "GetWebhookFunction: its handler calls dynamodb:GetItem, which its policy does not allow",
        "GetWebhookFunction: its policy allows dynamodb:Query, which its handler never calls");
  }

  /** The README names each function's one permission; it must be the one observed. */
  @Test
  void readme_namesThePermissionsTheHandlersUse() throws IOException {
    String readme = Files.readString(TestDynamoDb.projectDir().resolve("README.md"), StandardCharsets.UTF_8);

    assertThat(readme).contains("The register function may only `dynamodb:"
        + String.join("`, `dynamodb:", observed.get(RegisterWebhookHandler.class.getName()))
        + "` and the get function only `dynamodb:"
        + String.join("`, `dynamodb:", observed.get(GetWebhookHandler.class.getName())) + "` on that table.");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> tree, String function) {
    return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) tree.get("Resources")).get(function))
        .get("Properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statement(Map<String, Object> tree, String function) {
    List<Object> policies = (List<Object>) properties(tree, function).get("Policies");
    return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) policies.get(0)).get("Statement")).get(0);
  }
}
