package com.web3crm.webhook.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A log line read the way CloudWatch Logs reads an Embedded Metric Format document (the specification:
 * docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html),
 * written from the specification, not from the code that writes the lines: what it breaks, and the metric
 * datapoints CloudWatch would extract from it.
 *
 * <ul>
 *   <li>the root is an object with {@code _aws}: an object with exactly {@code Timestamp} (an integer, epoch
 *       milliseconds) and {@code CloudWatchMetrics} (a non-empty array of metric directives);
 *   <li>a directive has exactly {@code Namespace} (1-255 characters, not {@code AWS/...}), {@code Dimensions} (an
 *       array of dimension sets, each an array of at most 30 names of top-level string members) and
 *       {@code Metrics} (1-100 objects with {@code Name}, naming a top-level number member, and an optional
 *       {@code Unit} from CloudWatch's list);
 *   <li>each directive yields one datapoint per metric and dimension set.
 * </ul>
 */
public final class EmfDocument {
  private EmfDocument() {}

  /** CloudWatch's StandardUnit values. */
  public static final Set<String> UNITS = Set.of(
      "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits",
      "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
      "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
      "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

  /** One metric value CloudWatch would extract. */
  public record Datapoint(String namespace, String metric, String unit, Map<String, String> dimensions, double value) {}

  /** What {@code root} breaks of the specification; empty when it is a valid EMF document. */
  public static List<String> violations(JsonNode root) {
    List<String> out = new ArrayList<>();
    extract(root, out);
    return out;
  }

  /** The datapoints of a valid document. */
  public static List<Datapoint> datapoints(JsonNode root) {
    List<String> out = new ArrayList<>();
    List<Datapoint> points = extract(root, out);
    if (!out.isEmpty()) {
      throw new IllegalArgumentException("not a valid EMF document: " + out);
    }
    return points;
  }

  private static List<Datapoint> extract(JsonNode root, List<String> out) {
    List<Datapoint> points = new ArrayList<>();
    if (root == null || !root.isObject()) {
      out.add("EMF: the log event is not a JSON object");
      return points;
    }
    JsonNode aws = root.get("_aws");
    if (aws == null || !aws.isObject()) {
      out.add("EMF: no top-level _aws object");
      return points;
    }
    if (!names(aws).equals(Set.of("Timestamp", "CloudWatchMetrics"))) {
      out.add("EMF: _aws members " + names(aws) + " (Timestamp and CloudWatchMetrics, nothing else)");
    }
    JsonNode timestamp = aws.get("Timestamp");
    if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.longValue() <= 0) {
      out.add("EMF: _aws.Timestamp is not epoch milliseconds: " + timestamp);
    }
    JsonNode directives = aws.get("CloudWatchMetrics");
    if (directives == null || !directives.isArray() || directives.isEmpty()) {
      out.add("EMF: _aws.CloudWatchMetrics is not a non-empty array");
      return points;
    }
    for (JsonNode directive : directives) {
      if (!directive.isObject() || !names(directive).equals(Set.of("Namespace", "Dimensions", "Metrics"))) {
        out.add("EMF: a metric directive's members are not Namespace, Dimensions, Metrics: " + directive);
        continue;
      }
      JsonNode namespace = directive.get("Namespace");
      if (!namespace.isTextual() || namespace.textValue().isEmpty() || namespace.textValue().length() > 255
          || namespace.textValue().startsWith("AWS/")) {
        out.add("EMF: Namespace " + namespace);
        continue;
      }
      List<List<String>> dimensionSets = new ArrayList<>();
      JsonNode dimensions = directive.get("Dimensions");
      if (!dimensions.isArray()) {
        out.add("EMF: Dimensions is not an array");
        continue;
      }
      for (JsonNode set : dimensions) {
        List<String> keys = new ArrayList<>();
        if (!set.isArray() || set.size() > 30) {
          out.add("EMF: a dimension set is not an array of at most 30 names: " + set);
          continue;
        }
        for (JsonNode key : set) {
          JsonNode member = key.isTextual() ? root.get(key.textValue()) : null;
          if (member == null || !member.isTextual()) {
            out.add("EMF: dimension " + key + " names no top-level string member");
          } else {
            keys.add(key.textValue());
          }
        }
        dimensionSets.add(keys);
      }
      JsonNode metrics = directive.get("Metrics");
      if (!metrics.isArray() || metrics.isEmpty() || metrics.size() > 100) {
        out.add("EMF: Metrics is not an array of 1 to 100 metric definitions");
        continue;
      }
      for (JsonNode metric : metrics) {
        JsonNode name = metric.get("Name");
        JsonNode unit = metric.get("Unit");
        Set<String> allowed = Set.of("Name", "Unit", "StorageResolution");
        if (!metric.isObject() || name == null || !name.isTextual() || !allowed.containsAll(names(metric))) {
          out.add("EMF: a metric definition is not {Name, Unit}: " + metric);
          continue;
        }
        if (unit != null && (!unit.isTextual() || !UNITS.contains(unit.textValue()))) {
          out.add("EMF: metric " + name.textValue() + " has unit " + unit + ", not one of CloudWatch's");
        }
        JsonNode value = root.get(name.textValue());
        if (value == null || !value.isNumber()) {
          out.add("EMF: metric " + name.textValue() + " names no top-level number member: " + value);
          continue;
        }
        for (List<String> set : dimensionSets) {
          Map<String, String> dims = new LinkedHashMap<>();
          set.forEach(key -> dims.put(key, root.get(key).textValue()));
          points.add(new Datapoint(namespace.textValue(), name.textValue(), unit == null ? "None" : unit.textValue(),
              Map.copyOf(dims), value.doubleValue()));
        }
      }
    }
    return points;
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new java.util.TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
