package com.web3crm.webhook.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A SAM / CloudFormation template read into a plain tree of maps, lists and scalars: the one YAML reader of the
 * project ({@link TemplateRoutes} for bin/local-api and bin/invoke, bin/bench's template settings, and the template
 * checks of the tests all read the template through it).
 *
 * <p>Reading: SnakeYAML's {@link SafeConstructor} (no arbitrary types), duplicate keys refused (CloudFormation
 * refuses them too), and the CloudFormation short-form tags turned into their long form, exactly as CloudFormation
 * reads them: {@code !Ref X} → {@code {"Ref": "X"}}, {@code !Condition X} → {@code {"Condition": "X"}}, every other
 * tag of {@link #SHORT_FORM_TAGS} {@code !Name v} → {@code {"Fn::Name": v}}. {@code !GetAtt A.B} (the dotted scalar
 * form) becomes {@code {"Fn::GetAtt": ["A", "B"]}}, split at the first dot, the same as its list form. Any other tag
 * is refused rather than guessed. Intrinsics are never evaluated. Plain scalars resolve as YAML 1.1 does (so
 * {@code yes}, {@code no}, {@code on}, {@code off} unquoted are booleans): quote such strings in the template.
 *
 * <p>{@link #mergedProperties} applies the template's {@code Globals} the way SAM's translator does
 * (samtranslator/plugins/globals): for an {@code AWS::Serverless::X} resource, {@code Globals.X} is merged under its
 * {@code Properties}: a scalar (or an intrinsic function, which resolves to one) of the resource replaces the
 * global one; maps are merged key by key, recursively (so {@code Environment.Variables} of both apply, the
 * resource's winning per name); lists are concatenated, globals first; when the two differ in kind, the resource's
 * value wins.
 */
public final class SamTemplate {
  /** The short-form tags CloudFormation defines (and {@code !Transform}, {@code !Length}, {@code !ToJsonString}). */
  public static final Set<String> SHORT_FORM_TAGS =
      Set.of(
          "Ref", "Condition", "GetAtt", "Sub", "If", "Join", "Select", "Equals", "Not", "And", "Or", "FindInMap",
          "Split", "ImportValue", "GetAZs", "Base64", "Cidr", "Transform", "Length", "ToJsonString");

  private final Map<String, Object> tree;

  private SamTemplate(Map<String, Object> tree) {
    this.tree = tree;
  }

  /** Reads {@code templateFile}; a malformed one fails with the file name and the reason. */
  public static SamTemplate load(Path templateFile) throws IOException {
    try {
      return parse(Files.readString(templateFile, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(templateFile + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code template.yaml} of {@code projectDir}. */
  public static SamTemplate loadProject(Path projectDir) throws IOException {
    return load(projectDir.resolve("template.yaml"));
  }

  /**
   * Parses template text.
   *
   * @throws IllegalArgumentException when it is not valid YAML, holds an unknown tag or a duplicate key, or is not
   *     a mapping at its top
   */
  public static SamTemplate parse(String yamlText) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object document;
    try {
      document = new Yaml(new CloudFormationConstructor(options)).load(yamlText);
    } catch (UnknownTagException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (RuntimeException e) { // SnakeYAML's YAMLException and friends
      throw new IllegalArgumentException("not a valid YAML template: " + e.getMessage(), e);
    }
    return of(map(document, "the template"));
  }

  /** A template from an already-built tree (e.g. a changed {@link #copyOfTree()}); the tree is copied. */
  public static SamTemplate of(Map<String, Object> tree) {
    return new SamTemplate(deepCopy(tree));
  }

  /** The whole template as read: a fresh, freely changeable copy. */
  public Map<String, Object> copyOfTree() {
    return deepCopy(tree);
  }

  /** A top-level section ({@code Resources}, {@code Parameters}, {@code Outputs}, ...): empty when absent. */
  public Map<String, Object> section(String name) {
    return Collections.unmodifiableMap(map(tree.get(name), name));
  }

  /** {@code Resources}, by logical id, in template order. */
  public Map<String, Object> resources() {
    return section("Resources");
  }

  /** The resource with this logical id (its {@code Type}, {@code Properties}, ...). */
  public Optional<Map<String, Object>> resource(String logicalId) {
    Object resource = resources().get(logicalId);
    return resource == null ? Optional.empty() : Optional.of(map(resource, logicalId));
  }

  /** The type of the resource with this logical id, if the resource exists and names one. */
  public Optional<String> resourceType(String logicalId) {
    return resource(logicalId).map(r -> r.get("Type")).filter(String.class::isInstance).map(String.class::cast);
  }

  /** Logical ids of the resources of {@code type} (e.g. {@code AWS::Serverless::Function}), in template order. */
  public List<String> resourcesOfType(String type) {
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Object> resource : resources().entrySet()) {
      if (resource.getValue() instanceof Map<?, ?> body && type.equals(body.get("Type"))) {
        ids.add(resource.getKey());
      }
    }
    return ids;
  }

  /**
   * The resource's {@code Properties} with the template's {@code Globals} applied as SAM applies them (see the
   * class comment): for {@code AWS::Serverless::Function} the properties of {@code Globals.Function}, and so on.
   * Resources of other types get their own properties. A fresh copy.
   *
   * @throws IllegalArgumentException when there is no such resource, or its properties are not a mapping
   */
  public Map<String, Object> mergedProperties(String logicalId) {
    Map<String, Object> resource =
        resource(logicalId).orElseThrow(() -> new IllegalArgumentException("no resource " + logicalId));
    Map<String, Object> own = map(resource.get("Properties"), logicalId + ".Properties");
    Object type = resource.get("Type");
    if (type instanceof String t && t.startsWith("AWS::Serverless::")) {
      String section = t.substring("AWS::Serverless::".length());
      Map<String, Object> globals = map(map(tree.get("Globals"), "Globals").get(section), "Globals." + section);
      return map(deepCopy(mergeGlobal(globals, own)), logicalId + ".Properties");
    }
    return deepCopy(own);
  }

  /** The {@code Globals} section for one SAM type ({@code Function}, {@code Api}, ...): empty when absent. */
  public Map<String, Object> globals(String section) {
    return Collections.unmodifiableMap(
        map(map(tree.get("Globals"), "Globals").get(section), "Globals." + section));
  }

  /** SAM's rule for one value of Globals and the resource's value (either may be absent: null). */
  static Object mergeGlobal(Object global, Object local) {
    if (global == null) {
      return local;
    }
    if (local == null) {
      return global;
    }
    Kind globalKind = kind(global);
    if (globalKind != kind(local) || globalKind == Kind.SCALAR) {
      return local;
    }
    if (globalKind == Kind.LIST) {
      List<Object> both = new ArrayList<>((List<?>) global);
      both.addAll((List<?>) local);
      return both;
    }
    Map<String, Object> merged = new LinkedHashMap<>();
    ((Map<?, ?>) global).forEach((k, v) -> merged.put(String.valueOf(k), v));
    ((Map<?, ?>) local).forEach((k, v) -> merged.put(String.valueOf(k), mergeGlobal(merged.get(String.valueOf(k)), v)));
    return merged;
  }

  private enum Kind { SCALAR, LIST, MAP }

  /** An intrinsic function counts as a scalar (it resolves to one), as in SAM's translator. */
  private static Kind kind(Object value) {
    if (value instanceof List<?>) {
      return Kind.LIST;
    }
    if (value instanceof Map<?, ?> m) {
      return isIntrinsic(m) ? Kind.SCALAR : Kind.MAP;
    }
    return Kind.SCALAR;
  }

  /** A map of one key that is {@code Ref}, {@code Condition} or {@code Fn::...}: an intrinsic function. */
  public static boolean isIntrinsic(Object value) {
    if (!(value instanceof Map<?, ?> m) || m.size() != 1) {
      return false;
    }
    Object key = m.keySet().iterator().next();
    return key instanceof String k && (k.equals("Ref") || k.equals("Condition") || k.startsWith("Fn::"));
  }

  /** The logical id (or pseudo parameter) of a {@code {"Ref": X}}, else empty. */
  public static Optional<String> ref(Object value) {
    if (isIntrinsic(value) && ((Map<?, ?>) value).get("Ref") instanceof String target) {
      return Optional.of(target);
    }
    return Optional.empty();
  }

  /** [logical id, attribute] of a {@code {"Fn::GetAtt": [X, Attr]}}, else empty. */
  public static Optional<List<String>> getAtt(Object value) {
    if (isIntrinsic(value)
        && ((Map<?, ?>) value).get("Fn::GetAtt") instanceof List<?> parts
        && parts.size() == 2
        && parts.get(0) instanceof String resource
        && parts.get(1) instanceof String attribute) {
      return Optional.of(List.of(resource, attribute));
    }
    return Optional.empty();
  }

  /** {@code value} as a mapping (null → empty); anything else fails naming {@code what}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value, String what) {
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(what + " must be a mapping");
  }

  /** {@code value} as a list: null → empty, a single value → a list of it (IAM's Action/Resource allow both). */
  public static List<Object> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return List.of(value);
  }

  @SuppressWarnings("unchecked")
  private static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(deepCopy(v)));
      return (T) copy;
    }
    return value;
  }

  private static final class UnknownTagException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownTagException(String message) {
      super(message);
    }
  }

  /** SafeConstructor + the short-form tags of {@link #SHORT_FORM_TAGS} as their long form; other tags refused. */
  private static final class CloudFormationConstructor extends SafeConstructor {
    CloudFormationConstructor(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(null, new ConstructShortForm());
    }

    private final class ConstructShortForm extends AbstractConstruct {
      @Override
      public Object construct(Node node) {
        String tag = node.getTag().getValue();
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        if (!SHORT_FORM_TAGS.contains(name)) {
          throw new UnknownTagException(
              "unknown tag " + tag + " at line " + (node.getStartMark().getLine() + 1)
                  + " (CloudFormation's short forms are !" + String.join(", !", SHORT_FORM_TAGS.stream().sorted().toList())
                  + ")");
        }
        Object value =
            switch (node) {
              case ScalarNode scalar -> constructScalar(scalar);
              case SequenceNode sequence -> constructSequence(sequence);
              case MappingNode mapping -> constructMapping(mapping);
              default -> throw new IllegalArgumentException("unexpected YAML node " + node);
            };
        if (name.equals("GetAtt") && value instanceof String dotted) {
          int dot = dotted.indexOf('.');
          value = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
        }
        String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(key, value);
        return intrinsic;
      }
    }
  }
}
