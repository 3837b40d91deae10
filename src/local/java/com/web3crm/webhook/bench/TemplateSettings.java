package com.web3crm.webhook.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The one template setting bin/bench needs that {@code TemplateRoutes} does not read: a function's
 * {@code JAVA_TOOL_OPTIONS} ({@code Environment.Variables}, the function's own over {@code Globals.Function}'s), so
 * the benchmark runs every JVM with the flags the template deploys instead of a copy that could drift.
 */
final class TemplateSettings {
  private final Map<String, Object> template;

  private TemplateSettings(Map<String, Object> template) {
    this.template = template;
  }

  static TemplateSettings load(Path projectDir) throws IOException {
    String text = Files.readString(projectDir.resolve("template.yaml"), StandardCharsets.UTF_8);
    Object document = new Yaml(new TagsAsValues(new LoaderOptions())).load(text);
    return new TemplateSettings(map(document));
  }

  /** Globals.Function's Runtime (e.g. java21), or "" when unset. */
  String globalRuntime() {
    Object runtime = map(map(template.get("Globals")).get("Function")).get("Runtime");
    return runtime instanceof String s ? s.strip() : "";
  }

  /** Globals.Function's JAVA_TOOL_OPTIONS, or "" when unset. */
  String globalJavaToolOptions() {
    return javaToolOptions(map(map(template.get("Globals")).get("Function")), "");
  }

  /** The function's JAVA_TOOL_OPTIONS: its own, else Globals.Function's, else "". */
  String javaToolOptions(String functionLogicalId) {
    Map<String, Object> function = map(map(map(template.get("Resources")).get(functionLogicalId)).get("Properties"));
    return javaToolOptions(function, globalJavaToolOptions());
  }

  private static String javaToolOptions(Map<String, Object> properties, String fallback) {
    Object value = map(map(properties.get("Environment")).get("Variables")).get("JAVA_TOOL_OPTIONS");
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("template.yaml: JAVA_TOOL_OPTIONS must be a plain string, not " + value);
    }
    return s.strip();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** SafeConstructor that reads CloudFormation short-form tags ({@code !Ref X}) as their plain value. */
  private static final class TagsAsValues extends SafeConstructor {
    TagsAsValues(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(
          null,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              return switch (node) {
                case ScalarNode scalar -> constructScalar(scalar);
                case SequenceNode sequence -> constructSequence(sequence);
                case MappingNode mapping -> constructMapping(mapping);
                default -> null;
              };
            }
          });
    }
  }
}
