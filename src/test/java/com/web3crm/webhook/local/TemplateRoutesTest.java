package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRoutesTest {
  private static Path projectDir() {
    return Path.of(System.getProperty("project.basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  @Test
  void realTemplate_hasExactlyTheTwoRoutesAndHandlers() throws Exception {
    TemplateRoutes template = TemplateRoutes.load(projectDir().resolve("template.yaml"));

    assertThat(template.routes())
        .extracting(r -> r.method() + " " + r.path() + " -> " + r.functionLogicalId())
        .containsExactly(
            "POST /crm_register_webhook -> RegisterWebhookFunction",
            "GET /crm_get_webhook -> GetWebhookFunction");
    assertThat(template.functions()).containsOnlyKeys("RegisterWebhookFunction", "GetWebhookFunction");
    assertThat(template.function("RegisterWebhookFunction").orElseThrow().handler())
        .isEqualTo("com.web3crm.webhook.RegisterWebhookHandler::handleRequest");
    assertThat(template.function("GetWebhookFunction").orElseThrow().handler())
        .isEqualTo("com.web3crm.webhook.GetWebhookHandler::handleRequest");

    TemplateRoutes.FunctionDef register = template.function("RegisterWebhookFunction").orElseThrow();
    assertThat(register.handlerClass()).isEqualTo("com.web3crm.webhook.RegisterWebhookHandler");
    assertThat(register.handlerMethod()).isEqualTo("handleRequest");
    // from Globals.Function
    assertThat(register.timeoutSeconds()).isEqualTo(10);
    assertThat(register.memorySizeMb()).isEqualTo(1024);
  }

  @Test
  void realTemplate_routesAreFoundByMethodAndPath() throws Exception {
    TemplateRoutes template = TemplateRoutes.loadProject(projectDir());

    assertThat(template.find("POST", "/crm_register_webhook")).hasValueSatisfying(m -> {
      assertThat(m.route().functionLogicalId()).isEqualTo("RegisterWebhookFunction");
      assertThat(m.pathParameters()).isEmpty();
    });
    assertThat(template.find("get", "/crm_get_webhook")).isPresent();
    assertThat(template.find("GET", "/crm_register_webhook")).isEmpty();
    assertThat(template.find("GET", "/crm_get_webhook/")).isEmpty();
    assertThat(template.methodsFor("/crm_register_webhook")).containsExactly("POST");
    assertThat(template.methodsFor("/nope")).isEmpty();
  }

  @Test
  void realTemplate_bothRoutesAreServedByWebhookApi_whoseBinaryMediaTypesAreEverything() throws Exception {
    TemplateRoutes template = TemplateRoutes.loadProject(projectDir());

    assertThat(template.routes()).extracting(TemplateRoutes.Route::restApiId)
        .containsExactly("WebhookApi", "WebhookApi");
    // '*~1*' in the template: every body with a Content-Type reaches the functions base64-encoded
    for (TemplateRoutes.Route route : template.routes()) {
      assertThat(template.binaryMediaTypes(route)).containsExactly("*/*");
    }
    assertThat(template.binaryMediaTypesByApi()).containsOnlyKeys("WebhookApi");
  }

  @Test
  void binaryMediaTypes_perApi_unescaped_globalsFirst_implicitApiToo() {
    String yaml = """
        Globals:
          Api:
            BinaryMediaTypes: ['image~1png']
        Resources:
          Explicit:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              BinaryMediaTypes: ['application~1octet-stream', 'image~1png', 'a~0b~1c']
          Plain:
            Type: AWS::ApiGateway::RestApi
            Properties:
              BinaryMediaTypes: ['*~1*']
          Bare:
            Type: AWS::Serverless::Api
            Properties: { StageName: prod }
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.F
              Events:
                OnExplicit: { Type: Api, Properties: { Path: /a, Method: post, RestApiId: !Ref Explicit } }
                OnPlain: { Type: Api, Properties: { Path: /b, Method: post, RestApiId: { Ref: Plain } } }
                OnBare: { Type: Api, Properties: { Path: /c, Method: post, RestApiId: !Ref Bare } }
                Implicit: { Type: Api, Properties: { Path: /d, Method: post } }
        """;
    TemplateRoutes template = TemplateRoutes.parse(yaml);

    assertThat(template.routes()).extracting(TemplateRoutes.Route::restApiId)
        .containsExactly("Explicit", "Plain", "Bare", TemplateRoutes.IMPLICIT_API_ID);
    assertThat(template.binaryMediaTypes("Explicit"))
        .containsExactly("image/png", "application/octet-stream", "a~b/c"); // SAM: Globals' list, then the API's
    assertThat(template.binaryMediaTypes("Plain")).containsExactly("*/*"); // Globals.Api is for Serverless APIs
    assertThat(template.binaryMediaTypes("Bare")).containsExactly("image/png");
    assertThat(template.binaryMediaTypes(TemplateRoutes.IMPLICIT_API_ID)).containsExactly("image/png");
    assertThat(template.binaryMediaTypes(template.find("POST", "/b").orElseThrow().route())).containsExactly("*/*");
    assertThat(template.binaryMediaTypes("Unknown")).isEmpty();
  }

  @Test
  void binaryMediaTypes_noneAnywhere_isEmpty() {
    TemplateRoutes template = TemplateRoutes.parse("""
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.F
              Events:
                E: { Type: Api, Properties: { Path: /e, Method: get } }
        """);
    assertThat(template.routes().get(0).restApiId()).isEqualTo("ServerlessRestApi");
    assertThat(template.binaryMediaTypes(template.routes().get(0))).isEmpty();
  }

  @Test
  void shortFormTags_becomeLongFormValues_andGlobalsMerge() {
    String yaml = """
        Globals:
          Function:
            Handler: com.example.Default::handle
            Timeout: 7
            Environment:
              Variables:
                TABLE: !Ref Table
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties: { StageName: prod }
          Table:
            Type: AWS::DynamoDB::Table
            Properties:
              Arn: !GetAtt Table.Arn
              Name: !Sub '${AWS::StackName}-table'
              Other: !If [IsProd, !Join ['-', [a, b]], !Ref AWS::NoValue]
              Mapping: !Transform { Name: x, Parameters: { a: 1 } }
          A:
            Type: AWS::Serverless::Function
            Properties:
              Timeout: 3
              MemorySize: 256
              Events:
                Any:
                  Type: Api
                  Properties: { Path: '/items/{id}', Method: any, RestApiId: !Ref Api }
                Greedy:
                  Type: Api
                  Properties: { Path: '/files/{path+}', Method: get }
                Literal:
                  Type: Api
                  Properties: { Path: /items/special, Method: GET }
                Timer:
                  Type: Schedule
                  Properties: { Schedule: rate(1 minute) }
          B:
            Type: AWS::Serverless::Function
            Properties:
              Handler: com.example.B
        """;
    TemplateRoutes template = TemplateRoutes.parse(yaml);

    assertThat(template.functions()).containsOnlyKeys("A", "B");
    TemplateRoutes.FunctionDef a = template.function("A").orElseThrow();
    assertThat(a.handler()).isEqualTo("com.example.Default::handle");
    assertThat(a.timeoutSeconds()).isEqualTo(3);
    assertThat(a.memorySizeMb()).isEqualTo(256);
    TemplateRoutes.FunctionDef b = template.function("B").orElseThrow();
    assertThat(b.handlerMethod()).isEqualTo("handleRequest");
    assertThat(b.timeoutSeconds()).isEqualTo(7);
    assertThat(b.memorySizeMb()).isEqualTo(128);

    assertThat(template.routes()).extracting(TemplateRoutes.Route::method).containsExactly("ANY", "GET", "GET");
    assertThat(template.find("DELETE", "/items/42").orElseThrow().pathParameters()).isEqualTo(Map.of("id", "42"));
    assertThat(template.find("GET", "/items/special").orElseThrow().route().eventId()).isEqualTo("Literal");
    assertThat(template.find("GET", "/items/").isPresent()).isFalse();
    assertThat(template.find("GET", "/files/a/b/c.txt").orElseThrow().pathParameters())
        .isEqualTo(Map.of("path", "a/b/c.txt"));
    assertThat(template.find("GET", "/files/")).isEmpty();
  }

  @Test
  void invalidTemplates_areRejectedWithTheReason() {
    assertThatThrownBy(() -> TemplateRoutes.parse("Resources: [unclosed"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid YAML template");
    assertThatThrownBy(() -> TemplateRoutes.parse("""
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties: {}
        """))
        .hasMessageContaining("F has no Handler");
    assertThatThrownBy(() -> TemplateRoutes.parse("""
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y
              Events:
                E: { Type: Api, Properties: { Path: no-slash, Method: get } }
        """))
        .hasMessageContaining("F.Events.E needs a Path");
    assertThatThrownBy(() -> TemplateRoutes.parse("a: 1\na: 2\n")).hasMessageContaining("not a valid YAML");
    assertThatThrownBy(() -> TemplateRoutes.parse("""
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y
              Events:
                E: { Type: Api, Properties: { Path: /e, Method: get, RestApiId: !Ref Missing } }
        """))
        .hasMessageContaining("F.Events.E.Properties.RestApiId must be !Ref to an AWS::Serverless::Api");
    assertThatThrownBy(() -> TemplateRoutes.parse("""
        Resources:
          Api:
            Type: AWS::Serverless::Api
            Properties:
              BinaryMediaTypes: !If [IsProd, ['*~1*'], []]
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y
              Events:
                E: { Type: Api, Properties: { Path: /e, Method: get, RestApiId: !Ref Api } }
        """))
        .hasMessageContaining("Api.Properties.BinaryMediaTypes must be a list of media types");
    assertThatThrownBy(() -> TemplateRoutes.parse("""
        Globals:
          Api:
            BinaryMediaTypes: [!Ref Type]
        Resources:
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.Y
        """))
        .hasMessageContaining("Globals.Api.BinaryMediaTypes must hold plain strings");
  }
}
