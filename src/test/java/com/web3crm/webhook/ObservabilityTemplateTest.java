package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.testing.EmfDocument;
import com.web3crm.webhook.testing.EmfDocument.Datapoint;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The observability part of template.yaml: X-Ray switchable by one parameter, the metrics namespace the functions
 * write to, and alarms on the 5xx rate, throttles and function errors that watch metrics which exist — for the
 * 5xx rate, metrics the request log line really carries (checked against {@link RequestLog#format}) — each with a
 * runbook section in docs/OBSERVABILITY.md.
 */
class ObservabilityTemplateTest {
  private static final Map<String, Object> TEMPLATE = load();
  private static final Map<String, Object> RESOURCES = map(TEMPLATE.get("Resources"));
  private static final Map<String, Object> NO_VALUE = Map.of("Ref", "AWS::NoValue");
  private static final Map<String, Object> NAMESPACE = Map.of("Fn::Sub", "CrmWebhook/${AWS::StackName}");
  private static final Set<String> ALARMS =
      Set.of("ServerErrorRateAlarm", "FunctionErrorsAlarm", "FunctionThrottlesAlarm", "TableThrottlesAlarm");

  @Test
  void xRay_isOneParameter_activeOrPassThrough_appliedToBothFunctionsAndTheApiStage() {
    Map<String, Object> tracing = map(map(TEMPLATE.get("Parameters")).get("Tracing"));
    assertThat(tracing.get("AllowedValues")).isEqualTo(List.of("Active", "PassThrough"));
    assertThat(tracing.get("Default")).as("no X-Ray cost unless chosen").isEqualTo("PassThrough");
    assertThat(map(TEMPLATE.get("Conditions")).get("TracingActive"))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "Tracing"), "Active")));
    assertThat(globalsFunction().get("Tracing")).isEqualTo(Map.of("Ref", "Tracing"));
    for (String function : functions()) {
      assertThat(properties(function)).as(function + " keeps the Globals value").doesNotContainKey("Tracing");
    }
    assertThat(properties("WebhookApi").get("TracingEnabled"))
        .isEqualTo(Map.of("Fn::If", List.of("TracingActive", true, false)));
  }

  @Test
  void theFunctionsWriteTheirMetricsToOneNamespacePerStack_andLogEveryRequestLineAtInfo() {
    Map<String, Object> variables = map(map(globalsFunction().get("Environment")).get("Variables"));
    assertThat(variables.get(FunctionEnvironment.METRICS_NAMESPACE)).isEqualTo(NAMESPACE);
    assertThat(map(map(TEMPLATE.get("Outputs")).get("MetricsNamespace")).get("Value")).isEqualTo(NAMESPACE);
    Map<String, Object> logging = map(globalsFunction().get("LoggingConfig"));
    assertThat(logging.get("LogFormat")).isEqualTo("JSON");
    assertThat(logging.get("ApplicationLogLevel"))
        .as("2xx and 4xx lines, and their metrics, are INFO: a higher level drops them")
        .isIn("TRACE", "DEBUG", "INFO");
  }

  @Test
  void theAlarms_areTheseFour_notifyTheOptionalTopic_treatNoTrafficAsFine_andComputeOneSeriesEach() {
    Map<String, Object> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
    assertThat(alarms.keySet()).containsExactlyInAnyOrderElementsOf(ALARMS);
    assertThat(map(TEMPLATE.get("Conditions")).get("HasAlarmTopic"))
        .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmTopicArn"), "")))));
    assertThat(map(map(TEMPLATE.get("Parameters")).get("AlarmTopicArn")).get("Default")).isEqualTo("");
    Object topicOrNothing = Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")), NO_VALUE));

    for (String name : alarms.keySet()) {
      Map<String, Object> alarm = properties(name);
      assertThat(alarm.get("AlarmActions")).as(name).isEqualTo(topicOrNothing);
      assertThat(alarm.get("OKActions")).as(name).isEqualTo(topicOrNothing);
      assertThat(alarm.get("TreatMissingData")).as(name).isEqualTo("notBreaching");
      assertThat(alarm.get("AlarmName")).as(name).isInstanceOf(Map.class);
      assertThat(String.valueOf(map(alarm.get("AlarmName")).get("Fn::Sub"))).as(name).startsWith("${AWS::StackName}-");
      int evaluationPeriods = (Integer) alarm.get("EvaluationPeriods");
      assertThat((Integer) alarm.getOrDefault("DatapointsToAlarm", evaluationPeriods)).as(name)
          .isBetween(1, evaluationPeriods);

      List<Map<String, Object>> metrics = list(alarm.get("Metrics"));
      assertThat(metrics).as(name + ": one returned series").filteredOn(m -> Boolean.TRUE.equals(m.get("ReturnData")))
          .hasSize(1);
      Set<String> ids = new TreeSet<>();
      metrics.forEach(m -> ids.add((String) m.get("Id")));
      assertThat(ids).as(name + ": unique ids").hasSize(metrics.size());
      for (Map<String, Object> metric : metrics) {
        assertThat((String) metric.get("Id")).matches("[a-z][A-Za-z0-9_]*");
        assertThat(metric.containsKey("MetricStat") != metric.containsKey("Expression")).as(name).isTrue();
        if (metric.containsKey("Expression")) {
          assertThat(referencedIds(expression(metric.get("Expression")))).as(name + ": " + metric.get("Expression"))
              .isNotEmpty().allMatch(ids::contains);
        } else {
          Map<String, Object> stat = map(metric.get("MetricStat"));
          assertThat(stat.get("Period")).as(name).isEqualTo(300);
          assertThat(stat.get("Stat")).as(name).isEqualTo("Sum");
          assertThat(metric.get("ReturnData")).as(name).isEqualTo(false);
        }
      }
    }
  }

  @Test
  void functionErrorsAndThrottles_watchEveryFunction_andTableThrottles_watchTheTable() {
    Set<Object> everyFunction = new TreeSet<>();
    functions().forEach(f -> everyFunction.add(f));
    assertThat(everyFunction).hasSize(2);

    for (String[] alarm : new String[][] {{"FunctionErrorsAlarm", "Errors"}, {"FunctionThrottlesAlarm", "Throttles"}}) {
      Set<Object> watched = new TreeSet<>();
      for (Map<String, Object> metric : metricStats(alarm[0])) {
        assertThat(metric.get("Namespace")).isEqualTo("AWS/Lambda");
        assertThat(metric.get("MetricName")).isEqualTo(alarm[1]);
        Map<String, Object> dimension = single(list(metric.get("Dimensions")));
        assertThat(dimension.get("Name")).isEqualTo("FunctionName");
        watched.add(map(dimension.get("Value")).get("Ref"));
      }
      assertThat(watched).as(alarm[0]).isEqualTo(everyFunction);
      assertThat(properties(alarm[0]).get("Threshold")).isEqualTo(1);
    }

    Set<Object> tableMetrics = new TreeSet<>();
    for (Map<String, Object> metric : metricStats("TableThrottlesAlarm")) {
      assertThat(metric.get("Namespace")).isEqualTo("AWS/DynamoDB");
      Map<String, Object> dimension = single(list(metric.get("Dimensions")));
      assertThat(dimension).isEqualTo(Map.of("Name", "TableName", "Value", Map.of("Ref", "CollectionsTable")));
      tableMetrics.add(metric.get("MetricName"));
    }
    assertThat(tableMetrics).containsExactlyInAnyOrder("ReadThrottleEvents", "WriteThrottleEvents");
  }

  /**
   * The 5xx-rate alarm reads Requests and ServerErrors per route in the functions' namespace: each metric it names
   * is one a request log line carries, with the same dimensions, for both routes.
   */
  @Test
  void serverErrorRate_watchesTheMetricsTheLogLinesCarry_forBothRoutes_withAMinimumRequestCount() throws Exception {
    String namespace = "CrmWebhook/crm-webhook"; // what !Sub makes of it in a stack named crm-webhook
    Set<String> emitted = new TreeSet<>();
    for (String route : List.of(GetWebhookHandler.ROUTE, RegisterWebhookHandler.ROUTE)) {
      for (int status : new int[] {200, 400, 503}) {
        String line = RequestLog.format(namespace, 1_796_328_665_123L, "r", route, status, status == 200 ? null : "x",
            null, 1_000_000, 500_000);
        for (Datapoint point : EmfDocument.datapoints(new ObjectMapper().readTree(line))) {
          emitted.add(key(point.namespace(), point.metric(), point.dimensions()));
        }
      }
    }

    Set<String> watched = new TreeSet<>();
    for (Map<String, Object> metric : metricStats("ServerErrorRateAlarm")) {
      assertThat(metric.get("Namespace")).isEqualTo(NAMESPACE);
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (Map<String, Object> d : this.<Map<String, Object>>list(metric.get("Dimensions"))) {
        dimensions.put((String) d.get("Name"), (String) d.get("Value"));
      }
      watched.add(key(namespace, (String) metric.get("MetricName"), dimensions));
    }
    assertThat(emitted).as("the log lines carry every metric the alarm reads").containsAll(watched);
    Set<String> expected = new TreeSet<>();
    for (String route : List.of(GetWebhookHandler.ROUTE, RegisterWebhookHandler.ROUTE)) {
      for (String metric : List.of(RequestLog.REQUESTS, RequestLog.SERVER_ERRORS)) {
        expected.add(key(namespace, metric, Map.of(RequestLog.ROUTE_DIMENSION, route)));
      }
    }
    assertThat(watched).as("requests and 5xx of both routes").isEqualTo(expected);

    Map<String, Object> alarm = properties("ServerErrorRateAlarm");
    assertThat(alarm.get("Threshold")).isEqualTo(Map.of("Ref", "ServerErrorRateThreshold"));
    assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
    String rate = list(alarm.get("Metrics")).stream().map(m -> (Map<String, Object>) m)
        .filter(m -> Boolean.TRUE.equals(m.get("ReturnData"))).map(m -> expression(m.get("Expression")))
        .findFirst().orElseThrow();
    assertThat(rate).as("a rate only once a period has enough requests")
        .isEqualTo("IF(requests >= ${ServerErrorRateMinRequests}, 100 * serverErrors / requests, 0)");
  }

  @Test
  void eachAlarm_hasARunbookSectionInObservabilityMd_andItsDescriptionLinksThere() throws IOException {
    String docs = Files.readString(TestDynamoDb.projectDir().resolve("docs/OBSERVABILITY.md"), StandardCharsets.UTF_8);
    for (String alarm : ALARMS) {
      assertThat(docs).as("a '### " + alarm + "' section").containsPattern("(?m)^### " + alarm + "$");
      assertThat((String) properties(alarm).get("AlarmDescription"))
          .endsWith("docs/OBSERVABILITY.md#" + alarm.toLowerCase(Locale.ROOT));
    }
  }

  // ------------------------------------------------------------------------------------------ helpers

  private static String key(String namespace, String metric, Map<String, String> dimensions) {
    return namespace + " | " + metric + " | " + new java.util.TreeMap<>(dimensions);
  }

  /** Every identifier an expression uses (CloudWatch ids start with a lower-case letter; functions are upper case). */
  private static Set<String> referencedIds(String expression) {
    Set<String> ids = new TreeSet<>();
    Matcher m = Pattern.compile("\\$\\{[^}]*}|\\b([a-z][A-Za-z0-9_]*)\\b").matcher(expression);
    while (m.find()) {
      if (m.group(1) != null) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  private static String expression(Object value) {
    return value instanceof Map<?, ?> sub ? (String) sub.get("Fn::Sub") : (String) value;
  }

  private List<Map<String, Object>> metricStats(String alarm) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> metric : this.<Map<String, Object>>list(properties(alarm).get("Metrics"))) {
      if (metric.containsKey("MetricStat")) {
        out.add(map(map(metric.get("MetricStat")).get("Metric")));
      }
    }
    assertThat(out).as(alarm).isNotEmpty();
    return out;
  }

  private static List<String> functions() {
    return resourcesOfType("AWS::Serverless::Function").keySet().stream().sorted().toList();
  }

  private static Map<String, Object> resourcesOfType(String type) {
    Map<String, Object> out = new LinkedHashMap<>();
    RESOURCES.forEach((name, resource) -> {
      if (type.equals(map(resource).get("Type"))) {
        out.put(name, resource);
      }
    });
    return out;
  }

  private static Map<String, Object> properties(String resource) {
    return map(map(RESOURCES.get(resource)).get("Properties"));
  }

  private static Map<String, Object> globalsFunction() {
    return map(map(TEMPLATE.get("Globals")).get("Function"));
  }

  private static <T> T single(List<T> list) {
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<T>) value;
  }

  /** template.yaml with CloudFormation's short-form tags read as their long form ({@code !Ref X} → {Ref: X}). */
  private static Map<String, Object> load() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try {
      String text = Files.readString(TestDynamoDb.projectDir().resolve("template.yaml"), StandardCharsets.UTF_8);
      return map(new Yaml(new CloudFormationTags(options)).load(text));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final class CloudFormationTags extends SafeConstructor {
    CloudFormationTags(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(null, new AbstractConstruct() {
        @Override
        public Object construct(Node node) {
          Object value = switch (node) {
            case ScalarNode scalar -> constructScalar(scalar);
            case SequenceNode sequence -> constructSequence(sequence);
            case MappingNode mapping -> constructMapping(mapping);
            default -> throw new IllegalArgumentException("unexpected YAML node " + node);
          };
          String name = node.getTag().getValue().substring(1);
          return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
        }
      });
    }
  }
}
