package com.web3crm.webhook.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.web3crm.webhook.local.ApiGatewayEventMapper.Header;
import com.web3crm.webhook.local.OpenApiDocument.Operation;
import com.web3crm.webhook.local.OpenApiDocument.RequestExample;
import com.web3crm.webhook.local.OpenApiDocument.Response;
import com.web3crm.webhook.local.OpenApiDocument.ResponseExample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local API's {@code /docs}: one self-contained HTML page rendered on the server from {@code openapi.yaml}
 * ({@link OpenApiDocument}). No script, no external style sheet, font or image: it renders without network access.
 *
 * <p>It shows the overview, servers, credential headers, each operation (headers, request fields per media type,
 * responses, and every example request with the response it gets), every error message with the routes and
 * examples that answer it, and the schemas. Every text from the document is HTML-escaped; descriptions get a small
 * Markdown subset (paragraphs, {@code - } lists, {@code `code`}, {@code **bold**}).
 */
public final class DocsPage {
  private DocsPage() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

  private static final String STYLE = """
      :root { --fg: #1d2430; --muted: #5b6575; --line: #d8dde6; --bg: #ffffff; --panel: #f5f7fa; --accent: #1f5fbf; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
        color: var(--fg); background: var(--bg); }
      main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 64px; }
      h1 { font-size: 28px; margin: 0 0 4px; } h1 small { font-size: 14px; color: var(--muted); font-weight: normal; }
      h2 { font-size: 22px; margin: 40px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
      h3 { font-size: 17px; margin: 24px 0 6px; } h4 { font-size: 15px; margin: 16px 0 4px; }
      a { color: var(--accent); }
      code, pre { font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
      code { background: var(--panel); padding: 1px 4px; border-radius: 3px; }
      pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
        margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
      pre code { background: none; padding: 0; }
      table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
      th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 6px 8px; }
      th { background: var(--panel); font-weight: 600; }
      .summary { color: var(--muted); font-size: 16px; margin-top: 0; }
      .method { display: inline-block; min-width: 58px; text-align: center; color: #fff; border-radius: 4px;
        padding: 2px 8px; font-size: 14px; margin-right: 6px; }
      .method.get { background: #1f7a3d; } .method.post { background: #1f5fbf; } .method.other { background: #6b4fbb; }
      .status { font-weight: 600; } .s2 { color: #1f7a3d; } .s4 { color: #a15c00; } .s5 { color: #b3261e; }
      .example { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px 12px; margin: 12px 0; }
      .example h4 { margin-top: 6px; } .example h4 code { font-weight: normal; }
      .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
      .label { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
      .label code { text-transform: none; letter-spacing: 0; }
      .note { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
      td p, td ul { margin: 0 0 6px; } td > :last-child { margin-bottom: 0; }
      h2 code { font-size: 20px; background: none; padding: 0; }
      nav ul { columns: 2; }
      @media (max-width: 800px) { .pair { grid-template-columns: 1fr; } nav ul { columns: 1; } }
      """;

  /** The page for {@code document}. */
  public static String render(OpenApiDocument document) {
    Map<String, Object> root = document.root();
    Map<String, Object> info = OpenApiDocument.map(root.get("info"), "info");
    String title = text(info.get("title"), "API");
    StringBuilder out = new StringBuilder(64 * 1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(title)).append(" — API documentation</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");

    out.append("<header>\n<h1>").append(escape(title)).append(" <small>version ")
        .append(escape(text(info.get("version"), "?"))).append(" · OpenAPI ")
        .append(escape(text(root.get("openapi"), "?"))).append("</small></h1>\n");
    if (info.get("summary") != null) {
      out.append("<p class=\"summary\">").append(inline(text(info.get("summary"), ""))).append("</p>\n");
    }
    out.append("<p>The machine-readable document: <a href=\"/openapi.yaml\">openapi.yaml</a> (import it into any ")
        .append("OpenAPI tool). The prose contract: <code>docs/API.md</code> in the repository.</p>\n</header>\n");

    out.append("<nav>\n<h2>Contents</h2>\n<ul>\n");
    for (Operation operation : document.operations()) {
      out.append("<li><a href=\"#").append(anchor(operation)).append("\">").append(escape(operation.key()))
          .append("</a> — ").append(escape(text(operation.summary(), ""))).append("</li>\n");
    }
    out.append("<li><a href=\"#overview\">Overview</a></li>\n<li><a href=\"#credentials\">Credential headers</a></li>\n")
        .append("<li><a href=\"#messages\">Every error message</a></li>\n<li><a href=\"#schemas\">Schemas</a></li>\n")
        .append("</ul>\n</nav>\n");

    out.append("<section id=\"overview\">\n<h2>Overview</h2>\n").append(markdown(text(info.get("description"), "")));
    List<?> servers = OpenApiDocument.list(root.get("servers"), "servers");
    if (!servers.isEmpty()) {
      out.append("<h3>Servers</h3>\n<table>\n<tr><th>URL</th><th>What</th></tr>\n");
      for (Object server : servers) {
        Map<String, Object> s = OpenApiDocument.map(server, "server");
        out.append("<tr><td><code>").append(escape(text(s.get("url"), ""))).append("</code></td><td>")
            .append(inline(text(s.get("description"), ""))).append("</td></tr>\n");
      }
      out.append("</table>\n");
    }
    out.append("</section>\n");

    Map<String, Object> schemes = securitySchemes(document);
    out.append("<section id=\"credentials\">\n<h2>Credential headers</h2>\n")
        .append("<p>Both operations require these request headers.</p>\n")
        .append("<table>\n<tr><th>Header</th><th>Rules</th></tr>\n");
    for (Object scheme : schemes.values()) {
      Map<String, Object> s = OpenApiDocument.map(document.resolve(scheme), "security scheme");
      out.append("<tr><td><code>").append(escape(text(s.get("name"), "?"))).append("</code></td><td>")
          .append(markdown(text(s.get("description"), ""))).append("</td></tr>\n");
    }
    out.append("</table>\n</section>\n");

    for (Operation operation : document.operations()) {
      operation(out, document, operation, schemes);
    }
    messages(out, document);
    schemas(out, document);
    out.append("<footer><p class=\"note\">Rendered by bin/local-api from openapi.yaml. Every example above is run ")
        .append("against the functions by the test suite (OpenApiDocumentIT).</p></footer>\n")
        .append("</main>\n</body>\n</html>\n");
    return out.toString();
  }

  private static Map<String, Object> securitySchemes(OpenApiDocument document) {
    Map<String, Object> components = OpenApiDocument.map(document.root().get("components"), "components");
    return OpenApiDocument.map(components.get("securitySchemes"), "components.securitySchemes");
  }

  private static void operation(
      StringBuilder out, OpenApiDocument document, Operation operation, Map<String, Object> schemes) {
    String method = operation.method();
    String css = method.equals("GET") ? "get" : method.equals("POST") ? "post" : "other";
    out.append("<section class=\"operation\" id=\"").append(anchor(operation)).append("\">\n<h2><span class=\"method ")
        .append(css).append("\">").append(escape(method)).append("</span><code>").append(escape(operation.path()))
        .append("</code></h2>\n<p class=\"summary\">").append(escape(text(operation.summary(), ""))).append("</p>\n")
        .append(markdown(text(operation.description(), "")));

    out.append("<h3>Request headers</h3>\n<table>\n<tr><th>Header</th><th>Value</th></tr>\n");
    for (Object scheme : schemes.values()) {
      Map<String, Object> s = OpenApiDocument.map(document.resolve(scheme), "security scheme");
      out.append("<tr><td><code>").append(escape(text(s.get("name"), "?")))
          .append("</code></td><td>required (see <a href=\"#credentials\">credential headers</a>)</td></tr>\n");
    }
    if (!operation.mediaTypes().isEmpty()) {
      out.append("<tr><td><code>Content-Type</code></td><td>");
      List<String> types = new ArrayList<>();
      operation.mediaTypes().forEach(type -> types.add("<code>" + escape(type) + "</code>"));
      out.append(String.join(", ", types)).append(" (without one, the body is sniffed)</td></tr>\n");
    }
    out.append("</table>\n");

    if (!operation.mediaTypes().isEmpty()) {
      out.append("<h3>Request body</h3>\n");
      Map<String, Object> operationNode = operationNode(document, operation);
      Map<String, Object> body = OpenApiDocument.map(document.resolve(operationNode.get("requestBody")), "requestBody");
      out.append(markdown(text(body.get("description"), "")));
      Map<String, Object> content = OpenApiDocument.map(body.get("content"), "content");
      for (String mediaType : operation.mediaTypes()) {
        Map<String, Object> media = OpenApiDocument.map(content.get(mediaType), mediaType);
        out.append("<h4><code>").append(escape(mediaType)).append("</code></h4>\n");
        fields(out, document, media.get("schema"));
      }
    } else {
      out.append("<h3>Request body</h3>\n<p>None.</p>\n");
    }

    out.append("<h3>Responses</h3>\n<table>\n<tr><th>Status</th><th>When</th><th>Body</th><th>Examples</th></tr>\n");
    for (Response response : operation.responses()) {
      out.append("<tr><td><span class=\"status s").append(response.status().charAt(0)).append("\">")
          .append(escape(response.status())).append("</span></td><td>")
          .append(markdown(text(response.description(), ""))).append("</td><td>");
      Map<String, Object> responseContent = OpenApiDocument.map(response.node().get("content"), "content");
      for (Map.Entry<String, Object> media : responseContent.entrySet()) {
        Map<String, Object> mediaNode = OpenApiDocument.map(document.resolve(media.getValue()), media.getKey());
        out.append("<code>").append(escape(media.getKey())).append("</code> ")
            .append(schemaName(mediaNode.get("schema")));
      }
      Map<String, Object> headers = OpenApiDocument.map(response.node().get("headers"), "headers");
      for (Map.Entry<String, Object> header : headers.entrySet()) {
        Map<String, Object> h = OpenApiDocument.map(document.resolve(header.getValue()), header.getKey());
        Map<String, Object> schema = OpenApiDocument.map(document.resolve(h.get("schema")), "schema");
        out.append("<br>header <code>").append(escape(header.getKey())).append(": ")
            .append(escape(text(schema.get("const"), "…"))).append("</code>");
      }
      out.append("</td><td>");
      List<String> names = new ArrayList<>();
      for (ResponseExample example : operation.responseExamples()) {
        if (example.response() == response) {
          names.add("<a href=\"#" + anchor(operation) + "-r-" + escape(example.name()) + "\">" + escape(example.name())
              + "</a>");
        }
      }
      out.append(response.answeredByApiGateway() ? "answered by API Gateway" : String.join(", ", names))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");

    out.append("<h3>Examples</h3>\n<p class=\"note\">Each request below gets the response shown (the demo ")
        .append("credentials are those of <code>bin/local-api</code>).</p>\n");
    Set<String> responseAnchored = new LinkedHashSet<>();
    for (RequestExample example : operation.requestExamples()) {
      ResponseExample response = operation.responseExample(example.response());
      out.append("<div class=\"example\" id=\"").append(anchor(operation)).append("-").append(escape(example.name()))
          .append("\">\n<h4><code>").append(escape(example.name())).append("</code> ")
          .append(inline(text(example.summary(), ""))).append("</h4>\n");
      if (example.description() != null) {
        out.append(markdown(example.description()));
      }
      out.append("<div class=\"pair\">\n<div><div class=\"label\">Request</div><pre><code>")
          .append(escape(requestText(operation, example))).append("</code></pre></div>\n");
      out.append("<div");
      if (responseAnchored.add(response.name())) {
        out.append(" id=\"").append(anchor(operation)).append("-r-").append(escape(response.name())).append("\"");
      }
      out.append("><div class=\"label\">Response <span class=\"status s").append(response.status() / 100)
          .append("\">").append(response.status()).append("</span> <code>").append(escape(response.name()))
          .append("</code></div><pre><code>").append(escape(pretty(response.value()))).append("</code></pre>");
      if (!response.varying().isEmpty()) {
        out.append("<p class=\"note\">").append(escape(String.join(", ", response.varying())))
            .append(" differs on every request.</p>");
      }
      out.append("</div>\n</div>\n");
      List<String> notes = new ArrayList<>();
      if (example.store() != OpenApiDocument.Store.WORKS) {
        notes.add(example.store() == OpenApiDocument.Store.UNREACHABLE
            ? "DynamoDB does not answer."
            : "DynamoDB answers with an error (the table does not exist).");
      } else if (example.storedBefore().values().stream().anyMatch(v -> v != null)) {
        notes.add("Stored before: <code>" + escape(compact(example.storedBefore())) + "</code>");
      }
      if (example.storedAfter() != null) {
        notes.add("Then GET returns <code>\"data\": " + escape(compact(example.storedAfter())) + "</code>");
      } else if (operation.method().equals("POST")) {
        notes.add("Nothing stored changes.");
      }
      for (String note : notes) {
        out.append("<p class=\"note\">").append(note).append("</p>\n");
      }
      out.append("</div>\n");
    }
    out.append("</section>\n");
  }

  /** The operation's node in the document (for its request body). */
  private static Map<String, Object> operationNode(OpenApiDocument document, Operation operation) {
    Map<String, Object> paths = OpenApiDocument.map(document.root().get("paths"), "paths");
    Map<String, Object> item = OpenApiDocument.map(document.resolve(paths.get(operation.path())), operation.path());
    return OpenApiDocument.map(document.resolve(item.get(operation.method().toLowerCase(Locale.ROOT))), "operation");
  }

  /** The request as HTTP text: request line, headers, blank line, body. */
  static String requestText(Operation operation, RequestExample example) {
    StringBuilder text = new StringBuilder();
    text.append(operation.method()).append(' ').append(operation.path());
    if (example.query() != null) {
      text.append('?').append(example.query());
    }
    text.append('\n');
    for (Header header : example.headers()) {
      text.append(header.name()).append(": ").append(header.value()).append('\n');
    }
    if (example.headers().isEmpty()) {
      text.append("(no headers)\n");
    }
    if (example.displayBody() != null && !example.displayBody().isEmpty()) {
      text.append('\n').append(example.displayBody().replace("\r\n", "\n"));
    } else if (operation.method().equals("POST")) {
      text.append("\n(empty body)");
    }
    return text.toString();
  }

  /** A table of the schema's properties (name, type, description), after its description. */
  private static void fields(StringBuilder out, OpenApiDocument document, Object schemaNode) {
    Map<String, Object> schema = OpenApiDocument.map(document.resolve(schemaNode), "schema");
    out.append(markdown(text(schema.get("description"), "")));
    Map<String, Object> properties = OpenApiDocument.map(schema.get("properties"), "properties");
    if (properties.isEmpty()) {
      return;
    }
    out.append("<table>\n<tr><th>Field</th><th>Type</th><th>Meaning</th></tr>\n");
    for (Map.Entry<String, Object> property : properties.entrySet()) {
      Map<String, Object> p = OpenApiDocument.map(document.resolve(property.getValue()), property.getKey());
      out.append("<tr><td><code>").append(escape(property.getKey())).append("</code></td><td>")
          .append(type(document, property.getValue())).append("</td><td>")
          .append(markdown(text(p.get("description"), ""))).append("</td></tr>\n");
    }
    out.append("</table>\n");
  }

  /** A short type description: a const, an enum, a type list, anyOf alternatives, a schema link. */
  private static String type(OpenApiDocument document, Object schemaNode) {
    if (schemaNode instanceof Map<?, ?> m && m.get("$ref") instanceof String) {
      return schemaName(schemaNode);
    }
    Map<String, Object> schema = OpenApiDocument.map(schemaNode, "schema");
    if (schema.containsKey("const")) {
      return "<code>" + escape(pretty(schema.get("const"))) + "</code>";
    }
    if (schema.get("enum") instanceof List<?> values) {
      List<String> items = new ArrayList<>();
      values.forEach(v -> items.add("<code>" + escape(String.valueOf(v)) + "</code>"));
      return "one of: " + String.join("<br>", items);
    }
    if (schema.get("anyOf") instanceof List<?> alternatives) {
      List<String> items = new ArrayList<>();
      for (Object alternative : alternatives) {
        Map<String, Object> a = OpenApiDocument.map(document.resolve(alternative), "anyOf");
        items.add(a.containsKey("enum") || a.containsKey("const") ? type(document, alternative)
            : a.get("description") != null ? "<code>" + escape(String.valueOf(a.get("description"))) + "</code>"
            : type(document, alternative));
      }
      return String.join("<br>", items);
    }
    Object type = schema.get("type");
    String name = type instanceof List<?> list ? String.join(" or ", list.stream().map(String::valueOf).toList())
        : type == null ? "any" : String.valueOf(type);
    String html = escape(name);
    if (schema.get("pattern") != null) {
      html += " matching <code>" + escape(String.valueOf(schema.get("pattern"))) + "</code>";
    }
    return html;
  }

  private static String schemaName(Object schemaNode) {
    if (schemaNode instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      return "<a href=\"#schema-" + escape(name) + "\">" + escape(name) + "</a>";
    }
    return "";
  }

  /** Every {@code message} of every response example: status, routes, examples. */
  private static void messages(StringBuilder out, OpenApiDocument document) {
    record Use(int status, List<String> links) {}
    Map<String, Use> messages = new LinkedHashMap<>();
    for (Operation operation : document.operations()) {
      for (ResponseExample example : operation.responseExamples()) {
        if (example.value() instanceof Map<?, ?> body && body.get("message") instanceof String message
            && Boolean.FALSE.equals(body.get("status"))) {
          Use use = messages.computeIfAbsent(message, m -> new Use(example.status(), new ArrayList<>()));
          use.links().add("<a href=\"#" + anchor(operation) + "-r-" + escape(example.name()) + "\">"
              + escape(operation.method()) + " " + escape(example.name()) + "</a>");
        }
      }
    }
    out.append("<section id=\"messages\">\n<h2>Every error message</h2>\n<p>The <code>message</code> of every error ")
        .append("answer, with the examples that show it. <code>detail</code>, when present, says why.</p>\n")
        .append("<table>\n<tr><th>Status</th><th>Message</th><th>Examples</th></tr>\n");
    messages.forEach((message, use) -> out.append("<tr><td><span class=\"status s").append(use.status() / 100)
        .append("\">").append(use.status()).append("</span></td><td><code>").append(escape(message))
        .append("</code></td><td>").append(String.join(", ", use.links())).append("</td></tr>\n"));
    out.append("</table>\n</section>\n");
  }

  private static void schemas(StringBuilder out, OpenApiDocument document) {
    Map<String, Object> components = OpenApiDocument.map(document.root().get("components"), "components");
    Map<String, Object> schemas = OpenApiDocument.map(components.get("schemas"), "components.schemas");
    out.append("<section id=\"schemas\">\n<h2>Schemas</h2>\n");
    for (Map.Entry<String, Object> schema : schemas.entrySet()) {
      out.append("<h3 id=\"schema-").append(escape(schema.getKey())).append("\">").append(escape(schema.getKey()))
          .append("</h3>\n");
      Map<String, Object> s = OpenApiDocument.map(schema.getValue(), schema.getKey());
      if (s.get("required") instanceof List<?> required && !required.isEmpty()) {
        out.append("<p class=\"note\">Always present: ")
            .append(escape(String.join(", ", required.stream().map(String::valueOf).toList()))).append(".</p>\n");
      }
      fields(out, document, schema.getValue());
    }
    out.append("</section>\n");
  }

  private static String anchor(Operation operation) {
    return "op-" + escape(operation.operationId() != null ? operation.operationId()
        : operation.method().toLowerCase(Locale.ROOT) + operation.path().replace('/', '-'));
  }

  private static String pretty(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static String compact(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  private static String text(Object value, String fallback) {
    return value == null ? fallback : String.valueOf(value);
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** One line of Markdown-lite: escaped, then {@code `code`} and {@code **bold**}. */
  static String inline(String text) {
    String escaped = escape(text);
    Matcher code = CODE.matcher(escaped);
    StringBuilder withCode = new StringBuilder();
    while (code.find()) {
      code.appendReplacement(withCode, Matcher.quoteReplacement("<code>" + code.group(1) + "</code>"));
    }
    code.appendTail(withCode);
    return BOLD.matcher(withCode).replaceAll("<strong>$1</strong>");
  }

  /** Paragraphs (blank-line separated) and {@code - } lists of Markdown-lite. */
  static String markdown(String text) {
    StringBuilder out = new StringBuilder();
    for (String block : text.strip().split("\n\\s*\n")) {
      if (block.isBlank()) {
        continue;
      }
      String[] lines = block.strip().split("\n");
      if (lines[0].startsWith("- ")) {
        out.append("<ul>");
        StringBuilder item = null;
        for (String line : lines) {
          if (line.startsWith("- ")) {
            if (item != null) {
              out.append("<li>").append(inline(item.toString())).append("</li>");
            }
            item = new StringBuilder(line.substring(2));
          } else if (item != null) {
            item.append(' ').append(line.strip());
          }
        }
        if (item != null) {
          out.append("<li>").append(inline(item.toString())).append("</li>");
        }
        out.append("</ul>\n");
      } else {
        out.append("<p>").append(inline(String.join(" ", lines).strip())).append("</p>\n");
      }
    }
    return out.toString();
  }
}
