package com.web3crm.webhook.testing;

import com.web3crm.webhook.local.SamTemplate;
import com.web3crm.webhook.store.CollectionItem;
import com.web3crm.webhook.FunctionEnvironment;
import com.web3crm.webhook.store.StoreConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rules {@code template.yaml} must meet, as one pure function: {@link #problems} takes a template, the artifact
 * its functions ship and the DynamoDB operations each handler class was seen calling, and lists every broken rule
 * (empty: all hold). {@code TemplateIT} runs it on the real template, the built jar and calls observed against a
 * real store; {@code TemplateChecksTest} runs it on changed copies of the template to show each rule can fail.
 *
 * <p>For every {@code AWS::Serverless::Function} (its properties with {@code Globals.Function} applied as SAM
 * applies them):
 * <ul>
 *   <li><b>Handler</b> is {@code package.Class::method}; the class is in the artifact (loaded from it alone), public,
 *       concrete, with a public no-argument constructor (what the Lambda runtime calls) and a public instance method
 *       of that name taking {@code (input, Context)} or {@code (InputStream, OutputStream, Context)}.
 *   <li><b>Route</b>: its {@code Api} events are exactly one, whose {@code METHOD path} equals the handler class's
 *       {@code ROUTE} constant; every handler class seen in {@code observedCalls} is some function's handler.
 *   <li><b>Environment</b>: every variable the functions require ({@link FunctionEnvironment#REQUIRED_VARIABLES}) is
 *       set by the template or by Lambda ({@link #LAMBDA_RESERVED_VARIABLES}), and every optional one they read
 *       ({@link FunctionEnvironment#OPTIONAL_VARIABLES}) by the template; the template sets none of Lambda's reserved
 *       variables (the deployment would fail) and none of the local-only ones
 *       ({@link FunctionEnvironment#LOCAL_ONLY_VARIABLES}); {@code TABLE_NAME} is {@code !Ref} of the template's one
 *       table.
 *   <li><b>IAM</b>: permissions come only from inline policy statements (or from {@link #POLICIES_WITHOUT_DYNAMODB});
 *       they allow exactly {@code dynamodb:<Op>} for each operation the handler was seen calling, named one by one
 *       (no wildcard, no extra action), on exactly {@code !GetAtt <table>.Arn}. Nothing else may grant the
 *       function's role anything: no {@code Role}, no embedded {@code Connectors}, no event source other than its
 *       API route (SAM grants e.g. a DynamoDB stream event's actions itself), and the template holds only resources
 *       of {@link #RESOURCE_TYPES}, none of which grants IAM permissions (an {@code AWS::IAM::Policy} or an
 *       {@code AWS::Serverless::Connector} naming the function's role would otherwise escape this check).
 *   <li><b>Settings as documented</b> (README, "Deploying"): {@link #RUNTIME}, {@link #ARCHITECTURES}, SnapStart
 *       {@link #SNAPSTART_APPLY_ON} with {@code AutoPublishAlias} {@link #ALIAS}, log format {@link #LOG_FORMAT}.
 * </ul>
 * And the one {@code AWS::DynamoDB::Table}: partition key {@link CollectionItem#API_KEY} (S) only, point-in-time
 * recovery on, {@code DeletionPolicy} and {@code UpdateReplacePolicy} Retain (docs/OPERATIONS.md relies on both).
 *
 * <p>The template is never evaluated: intrinsics are compared as written ({@code !Ref X}, {@code !GetAtt X.Arn}),
 * and one that cannot be judged that way (a policy under {@code !If}, say) is reported rather than guessed.
 */
public final class TemplateChecks {
  private TemplateChecks() {}

  /** The documented settings (README, "Deploying"); {@code TemplateChecksTest} checks the README says them. */
  public static final String RUNTIME = "java21";
  public static final List<String> ARCHITECTURES = List.of("arm64");
  public static final String SNAPSTART_APPLY_ON = "PublishedVersions";
  public static final String ALIAS = "live";
  public static final String LOG_FORMAT = "JSON";

  /**
   * Set by Lambda in every function's environment and reserved: a function configuration may not set them
   * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html, "Defined runtime environment
   * variables"). A variable the code requires is satisfied when it is one of these ({@code AWS_REGION}).
   */
  public static final Set<String> LAMBDA_RESERVED_VARIABLES = Set.of(
      "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
      "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
      "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
      "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API",
      "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "TZ");

  /**
   * Managed policies and SAM policy templates known to grant no DynamoDB action, so a function may carry them
   * (X-Ray, CloudWatch metrics, the basic execution role). Any other non-inline policy is reported: what it grants
   * cannot be checked here.
   */
  public static final Set<String> POLICIES_WITHOUT_DYNAMODB = Set.of(
      "AWSLambdaBasicExecutionRole", "AWSXrayWriteOnlyAccess", "AWSXRayDaemonWriteAccess", "CloudWatchPutMetricPolicy",
      "CloudWatchLambdaInsightsExecutionRolePolicy");

  /**
   * The resource types the template may hold: the ones it has, none of which grants IAM permissions to another
   * resource. Any other type is reported until a rule for what it can grant is added here.
   */
  public static final Set<String> RESOURCE_TYPES = Set.of(
      "AWS::Serverless::Function", "AWS::Serverless::Api", "AWS::DynamoDB::Table", "AWS::CloudWatch::Alarm");

  private static final String CONTEXT = "com.amazonaws.services.lambda.runtime.Context";
  private static final Pattern HANDLER =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*::[A-Za-z_$][A-Za-z0-9_$]*");
  private static final String FUNCTION = "AWS::Serverless::Function";
  private static final String TABLE = "AWS::DynamoDB::Table";

  /** Where handler classes are loaded from: the deployment artifact, or (unit tests) a given class loader. */
  public record Artifact(String description, ClassLoader classes) {
    /** The jar alone, in a fresh class loader whose parent is the platform loader (nothing of the test class path). */
    public static Artifact jar(Path jar) {
      try {
        return new Artifact(jar.toString(),
            new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader()));
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(jar.toString(), e);
      }
    }
  }

  /**
   * Every broken rule, one sentence each, starting with the logical id it concerns.
   *
   * @param observedCalls handler class name → the DynamoDB operations ({@code GetItem}, ...) it was seen calling
   */
  public static List<String> problems(SamTemplate template, Artifact artifact, Map<String, Set<String>> observedCalls) {
    List<String> problems = new ArrayList<>();
    Optional<String> table = table(template, problems);
    resourceTypes(template, problems);
    List<String> functions = template.resourcesOfType(FUNCTION);
    if (functions.isEmpty()) {
      problems.add("the template has no " + FUNCTION);
    }
    Set<String> handlerClasses = new LinkedHashSet<>();
    for (String function : functions) {
      Map<String, Object> properties;
      try {
        properties = template.mergedProperties(function);
      } catch (IllegalArgumentException e) {
        problems.add(function + ": " + e.getMessage());
        continue;
      }
      Optional<Class<?>> handler = handler(function, properties, artifact, problems);
      handler.ifPresent(c -> handlerClasses.add(c.getName()));
      handler.ifPresent(c -> route(function, properties, c, problems));
      settings(function, properties, problems);
      environment(function, properties, table, problems);
      permissions(function, properties, table, handler.map(Class::getName), observedCalls, problems);
    }
    for (String observed : observedCalls.keySet()) {
      if (!handlerClasses.contains(observed)) {
        problems.add("handler class " + observed + " (its calls were observed) is the handler of no function");
      }
    }
    return problems;
  }

  // ---- what the template holds -------------------------------------------------------------------------------------

  private static void resourceTypes(SamTemplate template, List<String> problems) {
    for (String id : template.resources().keySet()) {
      String type = template.resourceType(id).orElse("(no Type)");
      if (!RESOURCE_TYPES.contains(type)) {
        problems.add(id + ": a resource of type " + type + ", which these checks do not know (they know "
            + new TreeSet<>(RESOURCE_TYPES) + "); it could grant the functions' roles permissions that the IAM check"
            + " cannot see");
      }
      if (FUNCTION.equals(type) && template.resource(id).orElseThrow().containsKey("Connectors")) {
        problems.add(id + ": has Connectors, which grant its role permissions outside its Policies (the IAM check"
            + " cannot see them; allow DynamoDB operations in an inline statement)");
      }
    }
  }

  // ---- the table -------------------------------------------------------------------------------------------------

  private static Optional<String> table(SamTemplate template, List<String> problems) {
    List<String> tables = template.resourcesOfType(TABLE);
    if (tables.size() != 1) {
      problems.add("the template has " + tables.size() + " " + TABLE + " resources " + tables
          + "; the functions use exactly one table");
      return Optional.empty();
    }
    String id = tables.get(0);
    Map<String, Object> resource = template.resource(id).orElseThrow();
    Map<String, Object> properties = template.mergedProperties(id);
    for (String policy : List.of("DeletionPolicy", "UpdateReplacePolicy")) {
      if (!"Retain".equals(resource.get(policy))) {
        problems.add(id + ": " + policy + " is " + show(resource.get(policy)) + ", documented: Retain");
      }
    }
    Object pitr = SamTemplate.map(properties.get("PointInTimeRecoverySpecification"), "PointInTimeRecoverySpecification")
        .get("PointInTimeRecoveryEnabled");
    if (!Boolean.TRUE.equals(pitr) && !"true".equals(pitr)) {
      problems.add(id + ": PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is " + show(pitr)
          + ", documented: true (docs/OPERATIONS.md restores from it)");
    }
    List<Object> keySchema = SamTemplate.list(properties.get("KeySchema"));
    Map<String, Object> expectedKey = Map.of("AttributeName", CollectionItem.API_KEY, "KeyType", "HASH");
    Map<String, Object> expectedAttribute = Map.of("AttributeName", CollectionItem.API_KEY, "AttributeType", "S");
    if (!keySchema.equals(List.of(expectedKey))
        || !SamTemplate.list(properties.get("AttributeDefinitions")).equals(List.of(expectedAttribute))) {
      problems.add(id + ": key schema is " + show(keySchema) + " over " + show(properties.get("AttributeDefinitions"))
          + "; the code reads and writes items by the partition key " + CollectionItem.API_KEY + " (S) alone");
    }
    return Optional.of(id);
  }

  // ---- handler and route -----------------------------------------------------------------------------------------

  private static Optional<Class<?>> handler(
      String function, Map<String, Object> properties, Artifact artifact, List<String> problems) {
    Object value = properties.get("Handler");
    if (!(value instanceof String handler) || !HANDLER.matcher(handler).matches()) {
      problems.add(function + ": Handler " + show(value) + " is not of the form package.Class::method");
      return Optional.empty();
    }
    String className = handler.substring(0, handler.indexOf("::"));
    String methodName = handler.substring(handler.indexOf("::") + 2);
    Class<?> type;
    try {
      type = Class.forName(className, false, artifact.classes());
    } catch (ClassNotFoundException | LinkageError e) {
      problems.add(function + ": Handler " + handler + ": class " + className + " is not in the artifact ("
          + artifact.description() + ")");
      return Optional.empty();
    }
    if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
      problems.add(function + ": Handler " + handler + ": class " + className + " is not a public concrete class");
      return Optional.empty();
    }
    boolean method = false;
    try {
      type.getConstructor();
    } catch (NoSuchMethodException e) {
      problems.add(function + ": Handler " + handler + ": class " + className
          + " has no public no-argument constructor (the Lambda runtime creates the handler with it)");
    } catch (LinkageError e) {
      problems.add(function + ": Handler " + handler + ": class " + className + " cannot be linked from the"
          + " artifact (" + artifact.description() + "): " + e);
      return Optional.empty();
    }
    Method[] methods;
    try {
      methods = type.getMethods();
    } catch (LinkageError e) {
      problems.add(function + ": Handler " + handler + ": class " + className + " cannot be linked from the"
          + " artifact (" + artifact.description() + "): " + e);
      return Optional.empty();
    }
    for (Method candidate : methods) {
      if (!candidate.getName().equals(methodName) || Modifier.isStatic(candidate.getModifiers())) {
        continue;
      }
      Class<?>[] parameters = candidate.getParameterTypes();
      boolean pojo = parameters.length == 2 && parameters[1].getName().equals(CONTEXT);
      boolean stream = parameters.length == 3 && parameters[0] == InputStream.class
          && parameters[1] == OutputStream.class && parameters[2].getName().equals(CONTEXT);
      method |= pojo || stream;
    }
    if (!method) {
      problems.add(function + ": Handler " + handler + ": class " + className + " has no public method "
          + methodName + "(input, Context) or " + methodName + "(InputStream, OutputStream, Context)");
    }
    return Optional.of(type);
  }

  private static void route(String function, Map<String, Object> properties, Class<?> handler, List<String> problems) {
    String route;
    try {
      Field field = handler.getField("ROUTE");
      if (!Modifier.isStatic(field.getModifiers()) || !(field.get(null) instanceof String value)) {
        throw new NoSuchFieldException("ROUTE");
      }
      route = value;
    } catch (ReflectiveOperationException | LinkageError e) {
      problems.add(function + ": handler class " + handler.getName()
          + " has no public static String ROUTE (\"METHOD /path\") to compare its Api event with");
      return;
    }
    List<String> served = new ArrayList<>();
    for (Map.Entry<String, Object> event : SamTemplate.map(properties.get("Events"), function + ".Events").entrySet()) {
      Map<String, Object> body = SamTemplate.map(event.getValue(), function + ".Events." + event.getKey());
      if ("HttpApi".equals(body.get("Type"))) {
        problems.add(function + ": event " + event.getKey() + " is an HttpApi event (payload v2); the handlers take"
            + " REST API (v1 proxy) events");
      }
      if (!"Api".equals(body.get("Type"))) {
        if (!"HttpApi".equals(body.get("Type"))) {
          problems.add(function + ": event " + event.getKey() + " is a " + show(body.get("Type")) + " event; the"
              + " handlers take only their API route (and SAM grants an event source's permissions to the role"
              + " itself, outside its Policies)");
        }
        continue;
      }
      Map<String, Object> api = SamTemplate.map(body.get("Properties"), function + ".Events." + event.getKey());
      served.add(String.valueOf(api.get("Method")).toUpperCase(Locale.ROOT) + " " + api.get("Path"));
    }
    if (!served.equals(List.of(route))) {
      problems.add(function + ": its Api events serve " + served + "; its handler " + handler.getSimpleName()
          + " serves exactly " + route + " (" + handler.getSimpleName() + ".ROUTE)");
    }
  }

  // ---- documented settings ---------------------------------------------------------------------------------------

  private static void settings(String function, Map<String, Object> properties, List<String> problems) {
    expect(function, "Runtime", properties.get("Runtime"), RUNTIME, problems);
    expect(function, "Architectures", properties.get("Architectures"), ARCHITECTURES, problems);
    Map<String, Object> snapStart = SamTemplate.map(properties.get("SnapStart"), function + ".SnapStart");
    expect(function, "SnapStart.ApplyOn", snapStart.get("ApplyOn"), SNAPSTART_APPLY_ON, problems);
    expect(function, "AutoPublishAlias", properties.get("AutoPublishAlias"), ALIAS, problems);
    Map<String, Object> logging = SamTemplate.map(properties.get("LoggingConfig"), function + ".LoggingConfig");
    expect(function, "LoggingConfig.LogFormat", logging.get("LogFormat"), LOG_FORMAT, problems);
  }

  private static void expect(String function, String name, Object actual, Object documented, List<String> problems) {
    if (!documented.equals(actual)) {
      problems.add(function + ": " + name + " is " + show(actual) + ", documented: " + show(documented));
    }
  }

  // ---- environment -----------------------------------------------------------------------------------------------

  private static void environment(
      String function, Map<String, Object> properties, Optional<String> table, List<String> problems) {
    Map<String, Object> environment = SamTemplate.map(properties.get("Environment"), function + ".Environment");
    Map<String, Object> variables = SamTemplate.map(environment.get("Variables"), function + ".Environment.Variables");
    for (String required : FunctionEnvironment.REQUIRED_VARIABLES) {
      if (variables.get(required) == null && !LAMBDA_RESERVED_VARIABLES.contains(required)) {
        problems.add(function + ": the code requires " + required + ", which neither the template nor Lambda sets");
      }
    }
    for (String optional : FunctionEnvironment.OPTIONAL_VARIABLES) {
      if (variables.get(optional) == null) {
        problems.add(function + ": the code reads " + optional + ", which the template does not set (the code's"
            + " default is for local runs)");
      }
    }
    for (String name : variables.keySet()) {
      if (LAMBDA_RESERVED_VARIABLES.contains(name)) {
        problems.add(function + ": sets " + name + ", which Lambda reserves (the deployment would fail)");
      }
      if (FunctionEnvironment.LOCAL_ONLY_VARIABLES.contains(name)) {
        problems.add(function + ": sets " + name + ", which is for local servers only (in AWS it would send the"
            + " function's DynamoDB calls elsewhere)");
      }
    }
    Object tableName = variables.get(StoreConfig.TABLE_NAME);
    if (tableName != null && table.isPresent() && !SamTemplate.ref(tableName).equals(table)) {
      problems.add(function + ": " + StoreConfig.TABLE_NAME + " is " + show(tableName) + ", not !Ref " + table.get()
          + " (the template's table)");
    }
  }

  // ---- IAM -------------------------------------------------------------------------------------------------------

  private static void permissions(
      String function,
      Map<String, Object> properties,
      Optional<String> table,
      Optional<String> handlerClass,
      Map<String, Set<String>> observedCalls,
      List<String> problems) {
    if (properties.containsKey("Role")) {
      problems.add(function + ": Role is set, so its permissions are outside the template and cannot be checked");
    }
    Map<String, String> allowed = new LinkedHashMap<>(); // lower-case operation → as written
    for (Object policy : SamTemplate.list(properties.get("Policies"))) {
      if (policy instanceof String name) {
        if (!POLICIES_WITHOUT_DYNAMODB.contains(name.substring(name.lastIndexOf('/') + 1))) {
          problems.add(function + ": policy " + name + " is not an inline statement, so what it grants cannot be"
              + " checked (allow DynamoDB operations in an inline statement)");
        }
        continue;
      }
      Map<String, Object> document = SamTemplate.map(policy, function + ".Policies");
      if (!document.containsKey("Statement")) {
        String name = document.size() == 1 ? document.keySet().iterator().next() : String.valueOf(document.keySet());
        if (SamTemplate.isIntrinsic(document) || !POLICIES_WITHOUT_DYNAMODB.contains(name)) {
          problems.add(function + ": policy " + show(document) + " is not an inline statement, so what it grants"
              + " cannot be checked (allow DynamoDB operations in an inline statement)");
        }
        continue;
      }
      for (Object item : SamTemplate.list(document.get("Statement"))) {
        statement(function, SamTemplate.map(item, function + ".Policies.Statement"), table, allowed, problems);
      }
    }
    if (handlerClass.isEmpty()) {
      return;
    }
    Set<String> calls = observedCalls.get(handlerClass.get());
    if (calls == null || calls.isEmpty()) {
      problems.add(function + ": no DynamoDB calls were observed for its handler " + handlerClass.get()
          + ", so its permissions cannot be compared with them");
      return;
    }
    Set<String> called = new TreeSet<>();
    calls.forEach(op -> called.add(op.toLowerCase(Locale.ROOT)));
    for (String op : new TreeSet<>(calls)) {
      if (!allowed.containsKey(op.toLowerCase(Locale.ROOT))) {
        problems.add(function + ": its handler calls dynamodb:" + op + ", which its policy does not allow");
      }
    }
    allowed.forEach((lower, written) -> {
      if (!called.contains(lower)) {
        problems.add(function + ": its policy allows dynamodb:" + written + ", which its handler never calls");
      }
    });
  }

  private static void statement(
      String function,
      Map<String, Object> statement,
      Optional<String> table,
      Map<String, String> allowed,
      List<String> problems) {
    for (String not : List.of("NotAction", "NotResource", "NotPrincipal")) {
      if (statement.containsKey(not)) {
        problems.add(function + ": a policy statement uses " + not + ", which cannot be checked (name actions and"
            + " resources)");
      }
    }
    List<String> dynamodb = new ArrayList<>();
    for (Object action : SamTemplate.list(statement.get("Action"))) {
      if (!(action instanceof String a)) {
        problems.add(function + ": a policy action is " + show(action) + ", not a plain service:Action name");
        continue;
      }
      int colon = a.indexOf(':');
      String service = colon < 0 ? a : a.substring(0, colon).toLowerCase(Locale.ROOT);
      String operation = colon < 0 ? "" : a.substring(colon + 1);
      boolean wildcard = a.contains("*") || a.contains("?");
      if (service.equals("dynamodb") || (wildcard && (service.equals("*") || "dynamodb".matches(glob(service))))) {
        if (wildcard) {
          problems.add(function + ": its policy allows \"" + a + "\", a wildcard (allow each DynamoDB operation by"
              + " name)");
        } else {
          dynamodb.add(operation);
        }
      }
    }
    if (dynamodb.isEmpty()) {
      return;
    }
    if (!"Allow".equals(statement.get("Effect"))) {
      problems.add(function + ": a policy statement with Effect " + show(statement.get("Effect")) + " names "
          + dynamodb + " (only Allow statements are expected)");
      return;
    }
    dynamodb.forEach(op -> allowed.putIfAbsent(op.toLowerCase(Locale.ROOT), op));
    List<Object> resources = SamTemplate.list(statement.get("Resource"));
    Object expected = table.map(t -> (Object) Map.of("Fn::GetAtt", List.of(t, "Arn"))).orElse(null);
    boolean exact = resources.size() == 1
        && SamTemplate.getAtt(resources.get(0)).equals(table.map(t -> List.of(t, "Arn")));
    if (!exact) {
      problems.add(function + ": its policy allows " + prefixed(dynamodb) + " on " + show(resources)
          + ", not exactly " + (expected == null ? "the table's Arn" : show(expected)));
    }
  }

  private static String glob(String pattern) {
    return Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
  }

  private static String prefixed(List<String> operations) {
    return operations.stream().map(op -> "dynamodb:" + op).toList().toString();
  }

  /** A template value as written: {@code !Ref X}, {@code !GetAtt X.Arn}, lists and plain values. */
  static String show(Object value) {
    if (value == null) {
      return "(not set)";
    }
    Optional<String> ref = SamTemplate.ref(value);
    if (ref.isPresent()) {
      return "!Ref " + ref.get();
    }
    Optional<List<String>> getAtt = SamTemplate.getAtt(value);
    if (getAtt.isPresent()) {
      return "!GetAtt " + String.join(".", getAtt.get());
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TemplateChecks::show).toList().toString();
    }
    return String.valueOf(value);
  }
}
