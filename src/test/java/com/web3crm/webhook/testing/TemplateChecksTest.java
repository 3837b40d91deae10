package com.web3crm.webhook.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.local.SamTemplate;
import com.web3crm.webhook.testing.TemplateChecks.Artifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TemplateChecks} can fail: each rule, broken in a copy of the real template.yaml, is reported with its own
 * sentence, and the real template passes with the same inputs. The classes come from the test class path here and
 * the DynamoDB calls are given; {@code TemplateIT} runs the same checks on the built jar with calls observed against a
 * real store.
 */
class TemplateChecksTest {
  private static final String REGISTER = "RegisterWebhookFunction";
  private static final String GET = "GetWebhookFunction";
  private static final Artifact CLASS_PATH = new Artifact("the test class path", TemplateChecksTest.class.getClassLoader());
  /** What TemplateIT observes the handlers calling (it fails if that ever differs from the template). */
  private static final Map<String, Set<String>> CALLS = Map.of(
      RegisterWebhookHandler.class.getName(), Set.of("UpdateItem"),
      GetWebhookHandler.class.getName(), Set.of("GetItem"));

  private static String templateText() throws IOException {
    return Files.readString(TestDynamoDb.projectDir().resolve("template.yaml"), StandardCharsets.UTF_8);
  }

  private static List<String> problems(SamTemplate template) {
    return TemplateChecks.problems(template, CLASS_PATH, CALLS);
  }

  /** The problems of the template after {@code change} to a copy of its tree. */
  private static List<String> problemsAfter(Consumer<Map<String, Object>> change) throws IOException {
    Map<String, Object> tree = SamTemplate.parse(templateText()).copyOfTree();
    change.accept(tree);
    return problems(SamTemplate.of(tree));
  }

  /** The problems of the template text with {@code from} (found exactly once) replaced by {@code to}. */
  private static List<String> problemsAfterEdit(String from, String to) throws IOException {
    String text = templateText();
    assertThat(text.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
    return problems(SamTemplate.parse(text.replace(from, to)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> tree, String... path) {
    Map<String, Object> node = tree;
    for (String key : path) {
      node = (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
    return node;
  }

  private static Map<String, Object> properties(Map<String, Object> tree, String function) {
    return at(tree, "Resources", function, "Properties");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> statement(Map<String, Object> tree, String function) {
    List<Object> policies = (List<Object>) properties(tree, function).get("Policies");
    return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) policies.get(0)).get("Statement")).get(0);
  }

  private static Map<String, Object> variables(Map<String, Object> tree) {
    return at(tree, "Globals", "Function", "Environment", "Variables");
  }

  @Test
  void realTemplate_withTheHandlersAndTheirCalls_hasNoProblems() throws IOException {
    assertThat(problems(SamTemplate.parse(templateText()))).isEmpty();
  }

  static Stream<Arguments> brokenTemplates() {
    return Stream.of(
        // handler names
        Arguments.of("handler class misspelled", edit(
            "com.web3crm.webhook.RegisterWebhookHandler::handleRequest",
            "com.web3crm.webhook.RegisterWebhookHandlr::handleRequest"), List.of(
            REGISTER + ": Handler com.web3crm.webhook.RegisterWebhookHandlr::handleRequest: class"
                + " com.web3crm.webhook.RegisterWebhookHandlr is not in the artifact (the test class path)",
            "handler class com.web3crm.webhook.RegisterWebhookHandler (its calls were observed) is the handler of no"
                + " function")),
        Arguments.of("handler method misspelled", edit(
            "com.web3crm.webhook.GetWebhookHandler::handleRequest", "com.web3crm.webhook.GetWebhookHandler::handle"),
            List.of(GET + ": Handler com.web3crm.webhook.GetWebhookHandler::handle: class"
                + " com.web3crm.webhook.GetWebhookHandler has no public method handle(input, Context) or"
                + " handle(InputStream, OutputStream, Context)")),
        Arguments.of("handler without ::method", edit(
            "com.web3crm.webhook.GetWebhookHandler::handleRequest", "com.web3crm.webhook.GetWebhookHandler"),
            List.of(GET + ": Handler com.web3crm.webhook.GetWebhookHandler is not of the form package.Class::method",
                "handler class com.web3crm.webhook.GetWebhookHandler (its calls were observed) is the handler of no"
                    + " function")),
        Arguments.of("handler class without a public no-arg constructor", edit(
            "com.web3crm.webhook.GetWebhookHandler::handleRequest",
            "com.web3crm.webhook.store.CollectionStore::readWebhook"), List.of(
            GET + ": Handler com.web3crm.webhook.store.CollectionStore::readWebhook: class"
                + " com.web3crm.webhook.store.CollectionStore has no public no-argument constructor (the Lambda"
                + " runtime creates the handler with it)",
            GET + ": Handler com.web3crm.webhook.store.CollectionStore::readWebhook: class"
                + " com.web3crm.webhook.store.CollectionStore has no public method readWebhook(input, Context) or"
                + " readWebhook(InputStream, OutputStream, Context)",
            GET + ": handler class com.web3crm.webhook.store.CollectionStore has no public static String ROUTE"
                + " (\"METHOD /path\") to compare its Api event with",
            GET + ": no DynamoDB calls were observed for its handler com.web3crm.webhook.store.CollectionStore, so"
                + " its permissions cannot be compared with them",
            "handler class com.web3crm.webhook.GetWebhookHandler (its calls were observed) is the handler of no"
                + " function")),

        // IAM
        Arguments.of("UpdateItem permission missing", change(t -> statement(t, REGISTER).put("Action", List.of())),
            List.of(REGISTER + ": its handler calls dynamodb:UpdateItem, which its policy does not allow")),
        Arguments.of("UpdateItem replaced by PutItem", edit("- dynamodb:UpdateItem", "- dynamodb:PutItem"), List.of(
            REGISTER + ": its handler calls dynamodb:UpdateItem, which its policy does not allow",
            REGISTER + ": its policy allows dynamodb:PutItem, which its handler never calls")),
        Arguments.of("an extra action", change(t -> statement(t, GET).put("Action",
            List.of("dynamodb:GetItem", "dynamodb:Scan"))),
            List.of(GET + ": its policy allows dynamodb:Scan, which its handler never calls")),
        Arguments.of("dynamodb:* added", change(t -> statement(t, GET).put("Action",
            List.of("dynamodb:GetItem", "dynamodb:*"))),
            List.of(GET + ": its policy allows \"dynamodb:*\", a wildcard (allow each DynamoDB operation by name)")),
        Arguments.of("a prefix wildcard", change(t -> statement(t, GET).put("Action", List.of("dynamodb:Get*"))),
            List.of(GET + ": its policy allows \"dynamodb:Get*\", a wildcard (allow each DynamoDB operation by name)",
                GET + ": its handler calls dynamodb:GetItem, which its policy does not allow")),
        Arguments.of("every action", change(t -> statement(t, GET).put("Action", "*")), List.of(
            GET + ": its policy allows \"*\", a wildcard (allow each DynamoDB operation by name)",
            GET + ": its handler calls dynamodb:GetItem, which its policy does not allow")),
        Arguments.of("every resource", change(t -> statement(t, REGISTER).put("Resource", "*")), List.of(
            REGISTER + ": its policy allows [dynamodb:UpdateItem] on [*], not exactly !GetAtt CollectionsTable.Arn")),
        Arguments.of("another table's Arn", change(t -> statement(t, GET).put("Resource",
            Map.of("Fn::GetAtt", List.of("OtherTable", "Arn")))),
            List.of(GET + ": its policy allows [dynamodb:GetItem] on [!GetAtt OtherTable.Arn], not exactly"
                + " !GetAtt CollectionsTable.Arn")),
        Arguments.of("the table and its indexes", change(t -> statement(t, GET).put("Resource", List.of(
            Map.of("Fn::GetAtt", List.of("CollectionsTable", "Arn")),
            Map.of("Fn::Sub", "${CollectionsTable.Arn}/index/*")))),
            List.of(GET + ": its policy allows [dynamodb:GetItem] on [!GetAtt CollectionsTable.Arn,"
                + " {Fn::Sub=${CollectionsTable.Arn}/index/*}], not exactly !GetAtt CollectionsTable.Arn")),
        Arguments.of("a managed DynamoDB policy", change(t -> policies(t, GET).add("AmazonDynamoDBFullAccess")),
            List.of(GET + ": policy AmazonDynamoDBFullAccess is not an inline statement, so what it grants cannot be"
                + " checked (allow DynamoDB operations in an inline statement)")),
        Arguments.of("a SAM DynamoDB policy template", change(t -> policies(t, GET).add(
            Map.of("DynamoDBReadPolicy", Map.of("TableName", Map.of("Ref", "CollectionsTable"))))),
            List.of(GET + ": policy {DynamoDBReadPolicy={TableName={Ref=CollectionsTable}}} is not an inline"
                + " statement, so what it grants cannot be checked (allow DynamoDB operations in an inline"
                + " statement)")),
        Arguments.of("an external role", change(t -> properties(t, GET).put("Role", "arn:aws:iam::1:role/r")),
            List.of(GET + ": Role is set, so its permissions are outside the template and cannot be checked")),
        Arguments.of("an IAM policy resource on a function's role", change(t -> at(t, "Resources", "ExtraAccess")
            .putAll(Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of("PolicyName", "extra",
                "Roles", List.of(Map.of("Ref", "GetWebhookFunctionRole")), "PolicyDocument", Map.of("Statement",
                    List.of(Map.of("Effect", "Allow", "Action", List.of("dynamodb:Scan"), "Resource", "*"))))))),
            List.of("ExtraAccess: a resource of type AWS::IAM::Policy, which these checks do not know (they know"
                + " [AWS::CloudWatch::Alarm, AWS::DynamoDB::Table, AWS::Serverless::Api, AWS::Serverless::Function]);"
                + " it could grant the functions' roles permissions that the IAM check cannot see")),
        Arguments.of("a connector resource", change(t -> at(t, "Resources", "ReadWrite").putAll(Map.of(
            "Type", "AWS::Serverless::Connector", "Properties", Map.of(
                "Source", Map.of("Id", "GetWebhookFunction"), "Destination", Map.of("Id", "CollectionsTable"),
                "Permissions", List.of("Read", "Write"))))),
            List.of("ReadWrite: a resource of type AWS::Serverless::Connector, which these checks do not know (they"
                + " know [AWS::CloudWatch::Alarm, AWS::DynamoDB::Table, AWS::Serverless::Api,"
                + " AWS::Serverless::Function]); it could grant the functions' roles permissions that the IAM check"
                + " cannot see")),
        Arguments.of("an embedded connector", change(t -> at(t, "Resources", GET).put("Connectors", Map.of(
            "TableWrite", Map.of("Properties", Map.of("Destination", Map.of("Id", "CollectionsTable"),
                "Permissions", List.of("Write")))))),
            List.of(GET + ": has Connectors, which grant its role permissions outside its Policies (the IAM check"
                + " cannot see them; allow DynamoDB operations in an inline statement)")),
        Arguments.of("a DynamoDB stream event", change(t -> at(properties(t, GET), "Events").put("Stream",
            Map.of("Type", "DynamoDB", "Properties", Map.of("Stream",
                Map.of("Fn::GetAtt", List.of("CollectionsTable", "StreamArn")), "StartingPosition", "LATEST")))),
            List.of(GET + ": event Stream is a DynamoDB event; the handlers take only their API route (and SAM"
                + " grants an event source's permissions to the role itself, outside its Policies)")),
        Arguments.of("NotAction", change(t -> policies(t, GET).add(Map.of("Version", "2012-10-17",
            "Statement", List.of(Map.of("Effect", "Allow", "NotAction", "iam:*", "Resource", "*"))))),
            List.of(GET + ": a policy statement uses NotAction, which cannot be checked (name actions and"
                + " resources)")),
        Arguments.of("a Deny on the table", change(t -> policies(t, GET).add(Map.of("Version", "2012-10-17",
            "Statement", List.of(Map.of("Effect", "Deny", "Action", "dynamodb:GetItem", "Resource", "*"))))),
            List.of(GET + ": a policy statement with Effect Deny names [GetItem] (only Allow statements are"
                + " expected)")),

        // environment
        Arguments.of("TABLE_NAME missing", change(t -> variables(t).remove("TABLE_NAME")), List.of(
            REGISTER + ": the code requires TABLE_NAME, which neither the template nor Lambda sets",
            GET + ": the code requires TABLE_NAME, which neither the template nor Lambda sets")),
        Arguments.of("METRICS_NAMESPACE missing", change(t -> variables(t).remove("METRICS_NAMESPACE")), List.of(
            REGISTER + ": the code reads METRICS_NAMESPACE, which the template does not set (the code's default is"
                + " for local runs)",
            GET + ": the code reads METRICS_NAMESPACE, which the template does not set (the code's default is for"
                + " local runs)")),
        Arguments.of("TABLE_NAME a literal name", change(t -> variables(t).put("TABLE_NAME", "crm-collections")),
            List.of(REGISTER + ": TABLE_NAME is crm-collections, not !Ref CollectionsTable (the template's table)",
                GET + ": TABLE_NAME is crm-collections, not !Ref CollectionsTable (the template's table)")),
        Arguments.of("a reserved variable set", change(t -> at(properties(t, GET), "Environment", "Variables")
            .put("AWS_REGION", "eu-west-1")),
            List.of(GET + ": sets AWS_REGION, which Lambda reserves (the deployment would fail)")),
        Arguments.of("a local-only variable set", change(t -> at(properties(t, REGISTER), "Environment",
            "Variables").put("DYNAMODB_ENDPOINT", "http://127.0.0.1:8000")),
            List.of(REGISTER + ": sets DYNAMODB_ENDPOINT, which is for local servers only (in AWS it would send the"
                + " function's DynamoDB calls elsewhere)")),

        // documented settings
        Arguments.of("runtime java17 for one function", change(t -> properties(t, GET).put("Runtime", "java17")),
            List.of(GET + ": Runtime is java17, documented: java21")),
        Arguments.of("runtime java17 in Globals", change(t -> at(t, "Globals", "Function").put("Runtime", "java17")),
            List.of(REGISTER + ": Runtime is java17, documented: java21", GET + ": Runtime is java17, documented: java21")),
        Arguments.of("x86_64", edit("Architectures: [arm64]", "Architectures: [x86_64]"), List.of(
            REGISTER + ": Architectures is [x86_64], documented: [arm64]",
            GET + ": Architectures is [x86_64], documented: [arm64]")),
        Arguments.of("a second architecture on one function (SAM concatenates lists)", change(t ->
            properties(t, GET).put("Architectures", List.of("x86_64"))),
            List.of(GET + ": Architectures is [arm64, x86_64], documented: [arm64]")),
        Arguments.of("SnapStart off", edit("ApplyOn: PublishedVersions", "ApplyOn: None"), List.of(
            REGISTER + ": SnapStart.ApplyOn is None, documented: PublishedVersions",
            GET + ": SnapStart.ApplyOn is None, documented: PublishedVersions")),
        Arguments.of("no alias", change(t -> at(t, "Globals", "Function").remove("AutoPublishAlias")), List.of(
            REGISTER + ": AutoPublishAlias is (not set), documented: live",
            GET + ": AutoPublishAlias is (not set), documented: live")),
        Arguments.of("text logs", edit("LogFormat: JSON", "LogFormat: Text"), List.of(
            REGISTER + ": LoggingConfig.LogFormat is Text, documented: JSON",
            GET + ": LoggingConfig.LogFormat is Text, documented: JSON")),

        // routes
        Arguments.of("a path that is not the handler's", edit("Path: /crm_get_webhook", "Path: /crm_get_webhooks"),
            List.of(GET + ": its Api events serve [GET /crm_get_webhooks]; its handler GetWebhookHandler serves"
                + " exactly GET /crm_get_webhook (GetWebhookHandler.ROUTE)")),
        Arguments.of("a method that is not the handler's", edit("Method: post", "Method: put"),
            List.of(REGISTER + ": its Api events serve [PUT /crm_register_webhook]; its handler RegisterWebhookHandler"
                + " serves exactly POST /crm_register_webhook (RegisterWebhookHandler.ROUTE)")),
        Arguments.of("a second route on one function", change(t -> at(properties(t, GET), "Events").put("Other",
            Map.of("Type", "Api", "Properties", Map.of("Path", "/other", "Method", "get")))),
            List.of(GET + ": its Api events serve [GET /crm_get_webhook, GET /other]; its handler GetWebhookHandler"
                + " serves exactly GET /crm_get_webhook (GetWebhookHandler.ROUTE)")),
        Arguments.of("an HttpApi route", change(t -> at(properties(t, GET), "Events").put("V2",
            Map.of("Type", "HttpApi", "Properties", Map.of("Path", "/crm_get_webhook", "Method", "get")))),
            List.of(GET + ": event V2 is an HttpApi event (payload v2); the handlers take REST API (v1 proxy)"
                + " events")),

        // the table
        Arguments.of("no point-in-time recovery", edit("PointInTimeRecoveryEnabled: true",
            "PointInTimeRecoveryEnabled: false"), List.of("CollectionsTable: PointInTimeRecoverySpecification"
            + ".PointInTimeRecoveryEnabled is false, documented: true (docs/OPERATIONS.md restores from it)")),
        Arguments.of("deletion policy Delete", edit("DeletionPolicy: Retain", "DeletionPolicy: Delete"),
            List.of("CollectionsTable: DeletionPolicy is Delete, documented: Retain")),
        Arguments.of("another key schema", edit("AttributeName: api_key\n          KeyType: HASH",
            "AttributeName: key\n          KeyType: HASH"), List.of(
            "CollectionsTable: key schema is [{AttributeName=key, KeyType=HASH}] over [{AttributeName=api_key,"
                + " AttributeType=S}]; the code reads and writes items by the partition key api_key (S) alone")),
        Arguments.of("a second table", change(t -> at(t, "Resources", "OtherTable").put("Type",
            "AWS::DynamoDB::Table")), List.of(
            "the template has 2 AWS::DynamoDB::Table resources [CollectionsTable, OtherTable]; the functions use"
                + " exactly one table",
            REGISTER + ": its policy allows [dynamodb:UpdateItem] on [!GetAtt CollectionsTable.Arn], not exactly"
                + " the table's Arn",
            GET + ": its policy allows [dynamodb:GetItem] on [!GetAtt CollectionsTable.Arn], not exactly the"
                + " table's Arn")));
  }

  /** A change of the template text, for {@link #brokenTemplate_isReportedWithItsProblem}. */
  private static Object edit(String from, String to) {
    return new String[] {from, to};
  }

  /** A change of the template tree, for {@link #brokenTemplate_isReportedWithItsProblem}. */
  private static Object change(Consumer<Map<String, Object>> change) {
    return change;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> policies(Map<String, Object> tree, String function) {
    return (List<Object>) properties(tree, function).get("Policies");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTemplates")
  @SuppressWarnings("unchecked")
  void brokenTemplate_isReportedWithItsProblem(String what, Object change, List<String> expected) throws IOException {
    List<String> problems = change instanceof String[] edit
        ? problemsAfterEdit(edit[0], edit[1])
        : problemsAfter((Consumer<Map<String, Object>>) change);

    assertThat(problems).containsExactlyInAnyOrderElementsOf(expected);
  }

  static Stream<Arguments> acceptedVariations() {
    return Stream.of(
        Arguments.of("actions in another case (IAM names are case-insensitive)",
            edit("- dynamodb:UpdateItem", "- DynamoDB:updateitem")),
        Arguments.of("a single action and resource instead of lists", change(t -> {
          statement(t, GET).put("Action", "dynamodb:GetItem");
          statement(t, GET).put("Resource", Map.of("Fn::GetAtt", List.of("CollectionsTable", "Arn")));
        })),
        Arguments.of("the long form of !GetAtt", edit("Resource: !GetAtt CollectionsTable.Arn\n      Events:\n"
            + "        RegisterWebhook", "Resource: {'Fn::GetAtt': [CollectionsTable, Arn]}\n      Events:\n"
            + "        RegisterWebhook")),
        Arguments.of("X-Ray's managed policy", change(t -> policies(t, GET).add("AWSXrayWriteOnlyAccess"))),
        Arguments.of("a statement for another service", change(t -> policies(t, GET).add(Map.of(
            "Statement", List.of(Map.of("Effect", "Allow", "Action", List.of("cloudwatch:PutMetricData"),
                "Resource", "*")))))),
        Arguments.of("a function's own variable next to Globals' (SAM merges them)", change(t ->
            at(properties(t, GET), "Environment", "Variables").put("EXTRA", "1"))),
        Arguments.of("the settings repeated on a function", change(t -> {
          properties(t, REGISTER).put("Runtime", "java21");
          properties(t, REGISTER).put("LoggingConfig", Map.of("LogFormat", "JSON"));
        })));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedVariations")
  @SuppressWarnings("unchecked")
  void equivalentSpelling_isAccepted(String what, Object change) throws IOException {
    List<String> problems = change instanceof String[] edit
        ? problemsAfterEdit(edit[0], edit[1])
        : problemsAfter((Consumer<Map<String, Object>>) change);

    assertThat(problems).isEmpty();
  }

  @Test
  void aHandlerClassWithCallsButNoFunction_isReported() throws IOException {
    Map<String, Set<String>> calls = new LinkedHashMap<>(CALLS);
    calls.put("com.example.UnservedHandler", Set.of("GetItem"));

    assertThat(TemplateChecks.problems(SamTemplate.parse(templateText()), CLASS_PATH, calls)).containsExactly(
        "handler class com.example.UnservedHandler (its calls were observed) is the handler of no function");
  }

  @Test
  void aHandlerThatStartsCallingMore_isReportedUntilThePolicyAllowsIt() throws IOException {
    Map<String, Set<String>> calls = new LinkedHashMap<>(CALLS);
    calls.put(GetWebhookHandler.class.getName(), Set.of("GetItem", "Query"));

    assertThat(TemplateChecks.problems(SamTemplate.parse(templateText()), CLASS_PATH, calls))
        .containsExactly(GET + ": its handler calls dynamodb:Query, which its policy does not allow");
  }

  /** The README's "Deploying" section states the settings the checks enforce, in these words. */
  @Test
  void readme_statesTheCheckedSettings() throws IOException {
    String readme = Files.readString(TestDynamoDb.projectDir().resolve("README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains(
        "two functions (`" + TemplateChecks.RUNTIME + "`, " + String.join("/", TemplateChecks.ARCHITECTURES) + ",",
        "SnapStart on the `" + TemplateChecks.ALIAS + "` alias",
        TemplateChecks.LOG_FORMAT + " logs");
  }
}
