package com.web3crm.webhook.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.GetWebhookHandler;
import com.web3crm.webhook.RegisterWebhookHandler;
import com.web3crm.webhook.api.ErrorMessages;
import com.web3crm.webhook.local.LocalApi;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.local.OpenApiDocument;
import com.web3crm.webhook.local.TemplateRoutes;
import com.web3crm.webhook.store.CollectionStore;
import com.web3crm.webhook.testing.RunLogs;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local API's {@code /docs} page in a real browser: headless Chromium loads it from a running local API (real
 * handlers, real store) and its DOM holds every operation, every request example and every error message; a
 * screenshot of it is a PNG of the window's size that is not blank.
 *
 * <p>Chromium comes from {@code ensure_chromium} in bin/lib/common.sh, as for bin/docs-screenshot: the one on the
 * PATH, else Debian's package installed with apt-get when running as root (at most 10 minutes). When it cannot be
 * had, the tests are <b>skipped</b> (JUnit assumption) with the reason, which is also printed as
 * {@code [DocsPageRendersIT] SKIPPED: …} in the run's output; a run that shows it did not check the page.
 */
@ExtendWith(TestDynamoDb.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocsPageRendersIT {
  private static final Path PROJECT = TestDynamoDb.projectDir();
  private static final Path WORK = PROJECT.resolve("target/docs-page-it");
  private static final int WIDTH = 1280;
  private static final int HEIGHT = 2400;

  private String chromium;
  private String skipReason;
  private DynamoDbClient client;
  private LocalApi api;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  void findOrInstallChromium_thenStartTheLocalApi(TestDynamoDb db) throws Exception {
    Files.createDirectories(WORK);
    Path installLog = WORK.resolve("ensure-chromium.log");
    long start = System.nanoTime();
    Result found = bash(List.of("source \"$0\" && ensure_chromium", common()), installLog, 660);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    if (found.exit() == 0 && !found.stdout().isBlank()) {
      chromium = found.stdout().strip();
      Result version = bash(List.of("\"$0\" --version", chromium), WORK.resolve("version.log"), 60);
      System.out.println("[DocsPageRendersIT] Chromium: " + chromium + " (" + version.stdout().strip() + "), found in "
          + seconds + " s");
    } else {
      String why = Files.readString(installLog, StandardCharsets.UTF_8).strip();
      skipReason = "no headless Chromium: " + (why.isEmpty() ? "ensure_chromium exited " + found.exit()
          : why.lines().reduce((a, b) -> b).orElse(why));
      System.out.println("[DocsPageRendersIT] SKIPPED: " + skipReason);
      return;
    }
    String table = db.createTable("docs");
    client = db.client(table);
    LocalTable.ensureDemoCollection(client, table);
    CollectionStore store = new CollectionStore(client, table);
    Map<String, Object> handlers = Map.of(
        RegisterWebhookHandler.class.getName(), new RegisterWebhookHandler(store, Clock.systemUTC()),
        GetWebhookHandler.class.getName(), new GetWebhookHandler(store));
    api = LocalApi.start(0, TemplateRoutes.loadProject(PROJECT), handlers::get, TestDynamoDb.REGION.id(),
        new PrintStream(log, true, StandardCharsets.UTF_8), PROJECT.resolve("openapi.yaml"));
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (client != null) {
      client.close();
    }
    RunLogs.append("local-api", log.toString(StandardCharsets.UTF_8));
  }

  @Test
  void renderedDom_holdsEveryOperationRequestExampleAndErrorMessage() throws Exception {
    Assumptions.assumeTrue(chromium != null, () -> "SKIPPED: " + skipReason);
    Result dump = bash(List.of("source \"$0\" && headless_chromium \"$@\"", common(), chromium, "--dump-dom",
        api.baseUri() + "/docs"), WORK.resolve("dump-dom.log"), 90);
    assertThat(dump.exit()).as("chromium --dump-dom exit code").isZero();
    String dom = dump.stdout();
    Files.writeString(WORK.resolve("docs-dom.html"), dom, StandardCharsets.UTF_8);
    String text = textOf(dom);

    assertThat(dom).contains("<title>CRM collection webhook API — API documentation</title>");
    OpenApiDocument document = OpenApiDocument.loadProject(PROJECT);
    for (OpenApiDocument.Operation operation : document.operations()) {
      assertThat(dom).as(operation.key() + " heading")
          .contains(">" + operation.method() + "</span><code>" + operation.path() + "</code></h2>");
      for (OpenApiDocument.RequestExample example : operation.requestExamples()) {
        assertThat(text).as("request example " + example.name()).contains(example.name());
      }
    }
    List<String> messages = new ArrayList<>();
    for (Field field : ErrorMessages.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        messages.add((String) field.get(null));
      }
    }
    messages.add(ErrorMessages.unknownField("Webhook"));
    messages.add(ErrorMessages.unknownField("{\"webhook\": 1}"));
    messages.add(ErrorMessages.ambiguous("webhook_login"));
    messages.add(ErrorMessages.ambiguous("api_key header"));
    for (String message : messages) {
      assertThat(text).as("error message '" + message + "' on the page").contains(message);
    }
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("GET /docs 200");
  }

  @Test
  void screenshot_isAPngOfTheWindowSize_andNotBlank() throws Exception {
    Assumptions.assumeTrue(chromium != null, () -> "SKIPPED: " + skipReason);
    Path png = WORK.resolve("docs-screenshot.png");
    Files.deleteIfExists(png);
    Result shot = bash(List.of("source \"$0\" && headless_chromium \"$@\"", common(), chromium,
        "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, api.baseUri() + "/docs"),
        WORK.resolve("screenshot.log"), 90);
    assertThat(shot.exit()).as("chromium --screenshot exit code").isZero();

    byte[] bytes = Files.readAllBytes(png);
    assertThat(Arrays.copyOf(bytes, 8)).as("PNG signature")
        .containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(HEIGHT);
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (((rgb >> 16) & 0xff) < 160 && ((rgb >> 8) & 0xff) < 160 && (rgb & 0xff) < 160) {
          inked++; // a dark pixel: text
        }
      }
    }
    double share = inked / (image.getWidth() / 2.0 * image.getHeight() / 2.0);
    System.out.printf("[DocsPageRendersIT] screenshot %dx%d, %d bytes, %.1f %% text pixels: %s%n", image.getWidth(),
        image.getHeight(), bytes.length, share * 100, PROJECT.relativize(png));
    assertThat(share).as("share of dark (text) pixels: a rendered page, not a blank or error page")
        .isBetween(0.01, 0.5);
  }

  /** The visible text of a serialized DOM: tags dropped, the entities Chromium writes decoded. */
  private static String textOf(String dom) {
    String body = dom.replaceAll("(?s)<style.*?</style>", " ").replaceAll("(?s)<[^>]*>", "");
    return body.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", " ").replace("&amp;", "&");
  }

  private static String common() {
    return PROJECT.resolve("bin/lib/common.sh").toString();
  }

  private record Result(int exit, String stdout) {}

  /** Runs {@code bash -c SCRIPT ARGS...}; stderr goes to {@code errors} (Chromium is chatty), stdout is returned. */
  private static Result bash(List<String> scriptAndArgs, Path errors, int timeoutSeconds)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", "-c"));
    command.addAll(scriptAndArgs);
    Path out = Files.createTempFile(WORK, "stdout", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(errors.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);
    return new Result(process.exitValue(), stdout);
  }
}
