package com.web3crm.webhook.bench;

import com.web3crm.webhook.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The template settings bin/bench needs that {@code TemplateRoutes} does not read: the runtime, and a function's
 * {@code JAVA_TOOL_OPTIONS} ({@code Environment.Variables}, with Globals applied as SAM applies them), so the
 * benchmark runs every JVM with the flags the template deploys instead of a copy that could drift.
 */
final class TemplateSettings {
  private final SamTemplate template;

  private TemplateSettings(SamTemplate template) {
    this.template = template;
  }

  static TemplateSettings load(Path projectDir) throws IOException {
    return new TemplateSettings(SamTemplate.loadProject(projectDir));
  }

  /** Globals.Function's Runtime (e.g. java21), or "" when unset. */
  String globalRuntime() {
    Object runtime = template.globals("Function").get("Runtime");
    return runtime instanceof String s ? s.strip() : "";
  }

  /** Globals.Function's JAVA_TOOL_OPTIONS, or "" when unset. */
  String globalJavaToolOptions() {
    return javaToolOptions(template.globals("Function"));
  }

  /** The function's JAVA_TOOL_OPTIONS: its own, else Globals.Function's, else "". */
  String javaToolOptions(String functionLogicalId) {
    return javaToolOptions(template.mergedProperties(functionLogicalId));
  }

  private static String javaToolOptions(Map<String, Object> properties) {
    Map<String, Object> environment = SamTemplate.map(properties.get("Environment"), "Environment");
    Object value = SamTemplate.map(environment.get("Variables"), "Environment.Variables").get("JAVA_TOOL_OPTIONS");
    if (value == null) {
      return "";
    }
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("template.yaml: JAVA_TOOL_OPTIONS must be a plain string, not " + value);
    }
    return s.strip();
  }
}
