package com.web3crm.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.admin.ImportFile;
import com.web3crm.webhook.admin.NewCredential;
import com.web3crm.webhook.admin.RotatedSecret;
import com.web3crm.webhook.admin.TableTarget;
import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.local.ApiGatewayEventMapper.Header;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpRequest;
import com.web3crm.webhook.local.ApiGatewayEventMapper.HttpResponse;
import com.web3crm.webhook.local.LambdaRuntime;
import com.web3crm.webhook.local.LocalEnvironment;
import com.web3crm.webhook.local.OpenApiDocument;
import com.web3crm.webhook.rules.FieldChange;
import com.web3crm.webhook.rules.WebhookChange;
import com.web3crm.webhook.store.SecretHash;
import com.web3crm.webhook.store.WebhookSettings;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code toString()} of every type that holds a secret ({@code api_secret}, its hash, {@code webhook_pass}, an AWS
 * secret key, a raw body or header values) does not reveal it — and every record or {@code toString()} override
 * in the Lambda code and the local tools is listed here, either with a sample holding a secret or with the reason
 * it holds none, so a new type has to be decided on.
 */
class SecretsStayOutOfToStringTest {
  private static final String SECRET = "CANARY-s3cr3t-\u00e4\u00f6";
  private static final byte[] SECRET_BYTES = ("{\"webhook_pass\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);

  /** Types that hold a secret, each with an instance holding {@link #SECRET}. */
  private static final Map<Class<?>, Callable<Object>> HOLDERS = Map.ofEntries(
      Map.entry(Credentials.class, () -> new Credentials("ck_1", SECRET)),
      Map.entry(FieldChange.Set.class, () -> new FieldChange.Set(SECRET)),
      Map.entry(WebhookChange.class,
          () -> new WebhookChange(new FieldChange.Keep(), new FieldChange.Set("ops"), new FieldChange.Set(SECRET))),
      Map.entry(WebhookSettings.class, () -> new WebhookSettings("c-1", "https://h.example.com/", "ops", SECRET)),
      Map.entry(NewCredential.class, () -> new NewCredential("c-1", "ck_1", SECRET)),
      Map.entry(RotatedSecret.class, () -> new RotatedSecret("ck_1", SECRET)),
      Map.entry(ImportFile.Line.class, () -> new ImportFile.Line(1, "c-1", "ck_1", SecretHash.of(SECRET))),
      Map.entry(ImportFile.Parsed.class, () -> new ImportFile.Parsed(
          List.of(new ImportFile.Line(1, "c-1", "ck_1", SecretHash.of(SECRET))), List.of())),
      Map.entry(TableTarget.class, () -> TableTarget.resolve(
          Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:1", "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
              "AWS_SECRET_ACCESS_KEY", SECRET),
          null, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))),
      Map.entry(LocalEnvironment.class,
          () -> new LocalEnvironment("t", "us-east-1", "AKIAEXAMPLE", SECRET, Optional.empty())),
      Map.entry(Header.class, () -> new Header("api_secret", SECRET)),
      Map.entry(HttpRequest.class, () -> new HttpRequest("POST", "/crm_register_webhook", "api_secret=" + SECRET,
          List.of(new Header("api_secret", SECRET)), SECRET_BYTES, "127.0.0.1", "HTTP/1.1")),
      Map.entry(HttpResponse.class, () -> new HttpResponse(200, List.of(new Header("Cache-Control", "no-store")),
          SECRET_BYTES)),
      Map.entry(LambdaRuntime.Invocation.class,
          () -> new LambdaRuntime.Invocation("req-1", false, SECRET_BYTES, Duration.ofMillis(1))),
      Map.entry(OpenApiDocument.RequestExample.class, SecretsStayOutOfToStringTest::requestExample),
      Map.entry(OpenApiDocument.ResponseExample.class, SecretsStayOutOfToStringTest::responseExample),
      Map.entry(OpenApiDocument.Response.class, () -> responseExample().response()),
      Map.entry(OpenApiDocument.Operation.class, () -> new OpenApiDocument.Operation("POST", "/p", "op", SECRET,
          SECRET, List.of(), List.of(responseExample().response()), List.of(requestExample()),
          List.of(responseExample()))));

  private static OpenApiDocument.RequestExample requestExample() {
    Map<String, String> stored = new java.util.HashMap<>();
    stored.put("webhook_pass", SECRET);
    return new OpenApiDocument.RequestExample("a", SECRET, SECRET, "application/json",
        List.of(new Header("api_secret", SECRET)), SECRET_BYTES, SECRET, SECRET, OpenApiDocument.Store.WORKS, stored,
        stored, "ok");
  }

  private static OpenApiDocument.ResponseExample responseExample() {
    Map<String, Object> value = Map.of("data", Map.of("webhook_pass", SECRET));
    OpenApiDocument.Response response = new OpenApiDocument.Response("200", SECRET, false,
        Map.of("content", Map.of("application/json", Map.of("examples", Map.of("ok", Map.of("value", value))))));
    return new OpenApiDocument.ResponseExample("ok", 200, SECRET, SECRET, value, List.of(), response);
  }

  /** Records and toString() overrides that hold nothing secret, and why. */
  private static final Map<String, String> NO_SECRETS = Map.ofEntries(
      Map.entry("com.web3crm.webhook.api.ClientError", "message and detail are built by the code; client-sent names"
          + " appear only when plain (ErrorMessages.displayName)"),
      Map.entry("com.web3crm.webhook.body.MediaType", "a Content-Type's type and parameters"),
      Map.entry("com.web3crm.webhook.body.MultipartFormData$Header", "a part's header (its name), never its content"),
      Map.entry("com.web3crm.webhook.body.RequestBody$Encoding", "the body's encoding and multipart boundary"),
      Map.entry("com.web3crm.webhook.rules.FieldChange$Keep", "no value"),
      Map.entry("com.web3crm.webhook.rules.FieldChange$Clear", "no value"),
      Map.entry("com.web3crm.webhook.rules.IpAddresses$Ipv4Range", "a fixed address range"),
      Map.entry("com.web3crm.webhook.rules.IpAddresses$Ipv6Range", "a fixed address range"),
      Map.entry("com.web3crm.webhook.store.StoreConfig", "table name, region, endpoint"),
      Map.entry("com.web3crm.webhook.FunctionEnvironment", "a StoreConfig and a metrics namespace"),
      Map.entry("com.web3crm.webhook.api.MetricsNamespace", "a CloudWatch namespace"),
      Map.entry("com.web3crm.webhook.admin.CliArguments$Create", "a collection id"),
      Map.entry("com.web3crm.webhook.admin.CliArguments$RotateSecret", "an api_key (public)"),
      Map.entry("com.web3crm.webhook.admin.CliArguments$Revoke", "an api_key (public)"),
      Map.entry("com.web3crm.webhook.admin.CliArguments$ListCredentials", "no value"),
      Map.entry("com.web3crm.webhook.admin.CliArguments$Help", "a flag"),
      Map.entry("com.web3crm.webhook.admin.CliArguments$Import", "a file name and a flag"),
      Map.entry("com.web3crm.webhook.admin.CollectionAdmin$ImportOutcome", "a result, a reason code and a detail"
          + " built from collection ids and api keys (public)"),
      Map.entry("com.web3crm.webhook.admin.CredentialSummary", "built without secret, hash, login or password"),
      Map.entry("com.web3crm.webhook.admin.CredentialGenerator", "a random source, no generated value"),
      Map.entry("com.web3crm.webhook.local.TemplateRoutes$FunctionDef", "template names and settings"),
      Map.entry("com.web3crm.webhook.local.TemplateRoutes$Route", "template names"),
      Map.entry("com.web3crm.webhook.local.TemplateRoutes$Match", "a route and path parameters"),
      Map.entry("com.web3crm.webhook.local.LambdaRuntime$Handler", "a handler instance and method"),
      Map.entry("com.web3crm.webhook.local.DynaliteProcess", "a process id and endpoint"),
      Map.entry("com.web3crm.webhook.bench.Bench$Options", "bin/bench's counts, flags, label and event file names"),
      Map.entry("com.web3crm.webhook.bench.Bench$Setup", "a folder, an endpoint, a table name, a commit id"),
      Map.entry("com.web3crm.webhook.bench.Bench$Function", "template names, memory size, event path, JVM flags"),
      Map.entry("com.web3crm.webhook.bench.Child$Run", "a measured JVM's times, sizes and its BENCH line (figures,"
          + " status codes, names)"),
      Map.entry("com.web3crm.webhook.bench.Report$Target", "a target's name and figures"),
      Map.entry("com.web3crm.webhook.bench.ArtifactSize", "byte and file counts, jar names"),
      Map.entry("com.web3crm.webhook.bench.ClassLoads", "class counts"),
      Map.entry("com.web3crm.webhook.bench.Machine", "CPU, memory, OS, JDK and Node versions"));

  @TestFactory
  Stream<DynamicTest> toStringOfEveryTypeHoldingASecret_doesNotRevealIt() {
    return HOLDERS.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey().getName(), () -> {
      Object instance = entry.getValue().call();
      try {
        String text = instance.toString();
        assertThat(text).doesNotContain(SECRET).doesNotContain(SecretHash.of(SECRET))
            .doesNotContain("CANARY").doesNotContain(new String(SECRET_BYTES, StandardCharsets.UTF_8));
      } finally {
        if (instance instanceof AutoCloseable closeable) {
          closeable.close();
        }
      }
    }));
  }

  @Test
  void everyRecordAndToStringOverrideInTheCodeIsClassified() throws Exception {
    TreeSet<String> found = new TreeSet<>();
    for (String root : List.of("src/main/java", "src/local/java")) {
      for (Class<?> type : classesUnder(TestDynamoDb.projectDir().resolve(root))) {
        if (type.isRecord() || declaresToString(type)) {
          found.add(type.getName());
        }
      }
    }
    TreeSet<String> classified = new TreeSet<>(NO_SECRETS.keySet());
    HOLDERS.keySet().forEach(type -> classified.add(type.getName()));

    assertThat(found).as("records and toString() overrides found in the sources").hasSizeGreaterThan(20);
    assertThat(classified).as("classify each as holding a secret (HOLDERS) or not (NO_SECRETS)")
        .containsExactlyElementsOf(found);
  }

  private static boolean declaresToString(Class<?> type) {
    for (Method method : type.getDeclaredMethods()) {
      if (method.getName().equals("toString") && method.getParameterCount() == 0) {
        return true;
      }
    }
    return false;
  }

  private static List<Class<?>> classesUnder(Path root) throws IOException, ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = root.relativize(file).toString().replace(".java", "").replace(file.getFileSystem().getSeparator(), ".");
        if (name.endsWith("package-info")) {
          continue;
        }
        addWithNested(Class.forName(name, false, SecretsStayOutOfToStringTest.class.getClassLoader()), classes);
      }
    }
    return classes;
  }

  private static void addWithNested(Class<?> type, List<Class<?>> classes) {
    classes.add(type);
    for (Class<?> nested : type.getDeclaredClasses()) {
      addWithNested(nested, classes);
    }
  }
}
