package com.web3crm.webhook.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SamTemplateTest {
  private static Path projectDir() {
    return Path.of(System.getProperty("project.basedir", System.getProperty("user.dir"))).toAbsolutePath();
  }

  /** Short form as written in YAML → the long form CloudFormation reads it as. */
  static Stream<Arguments> shortForms() {
    return Stream.of(
        Arguments.of("!Ref Table", Map.of("Ref", "Table")),
        Arguments.of("!Condition IsProd", Map.of("Condition", "IsProd")),
        Arguments.of("!GetAtt Table.Arn", Map.of("Fn::GetAtt", List.of("Table", "Arn"))),
        Arguments.of("!GetAtt Db.Endpoint.Address", Map.of("Fn::GetAtt", List.of("Db", "Endpoint.Address"))),
        Arguments.of("!GetAtt [Table, Arn]", Map.of("Fn::GetAtt", List.of("Table", "Arn"))),
        Arguments.of("!Sub '${AWS::StackName}-x'", Map.of("Fn::Sub", "${AWS::StackName}-x")),
        Arguments.of("!Sub ['${A}', {A: !Ref B}]",
            Map.of("Fn::Sub", List.of("${A}", Map.of("A", Map.of("Ref", "B"))))),
        Arguments.of("!If [C, a, !Ref AWS::NoValue]", Map.of("Fn::If", List.of("C", "a", Map.of("Ref", "AWS::NoValue")))),
        Arguments.of("!Join ['-', [a, b]]", Map.of("Fn::Join", List.of("-", List.of("a", "b")))),
        Arguments.of("!Select [0, !GetAZs '']", Map.of("Fn::Select", List.of(0, Map.of("Fn::GetAZs", "")))),
        Arguments.of("!Equals [!Ref S, prod]", Map.of("Fn::Equals", List.of(Map.of("Ref", "S"), "prod"))),
        Arguments.of("!Not [!Condition C]", Map.of("Fn::Not", List.of(Map.of("Condition", "C")))),
        Arguments.of("!And [!Condition A, !Condition B]",
            Map.of("Fn::And", List.of(Map.of("Condition", "A"), Map.of("Condition", "B")))),
        Arguments.of("!Or [!Condition A, !Condition B]",
            Map.of("Fn::Or", List.of(Map.of("Condition", "A"), Map.of("Condition", "B")))),
        Arguments.of("!FindInMap [M, k, v]", Map.of("Fn::FindInMap", List.of("M", "k", "v"))),
        Arguments.of("!Split [',', 'a,b']", Map.of("Fn::Split", List.of(",", "a,b"))),
        Arguments.of("!ImportValue shared-table", Map.of("Fn::ImportValue", "shared-table")),
        Arguments.of("!Base64 text", Map.of("Fn::Base64", "text")),
        Arguments.of("!Cidr [10.0.0.0/16, 4, 8]", Map.of("Fn::Cidr", List.of("10.0.0.0/16", 4, 8))),
        Arguments.of("!Transform {Name: X, Parameters: {a: 1}}",
            Map.of("Fn::Transform", Map.of("Name", "X", "Parameters", Map.of("a", 1)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shortForms")
  void shortFormTag_becomesItsLongForm(String yaml, Map<String, Object> longForm) {
    SamTemplate template = SamTemplate.parse("Outputs:\n  V:\n    Value: " + yaml + "\n");

    Object value = SamTemplate.map(template.section("Outputs").get("V"), "V").get("Value");
    assertThat(value).isEqualTo(longForm);
    assertThat(SamTemplate.isIntrinsic(value)).isTrue();
  }

  @Test
  void unknownTag_isRefused_withItsLine() {
    assertThatThrownBy(() -> SamTemplate.parse("a: 1\nb: !Reff Table\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown tag !Reff at line 2");
  }

  @Test
  void duplicateKeysAndNonMappingTemplates_areRefused() {
    assertThatThrownBy(() -> SamTemplate.parse("a: 1\na: 2\n")).hasMessageContaining("not a valid YAML template");
    assertThatThrownBy(() -> SamTemplate.parse("- a\n- b\n")).hasMessage("the template must be a mapping");
  }

  @Test
  void refAndGetAtt_readBack() {
    assertThat(SamTemplate.ref(Map.of("Ref", "T"))).hasValue("T");
    assertThat(SamTemplate.ref(Map.of("Ref", "T", "x", 1))).isEmpty();
    assertThat(SamTemplate.ref("T")).isEmpty();
    assertThat(SamTemplate.getAtt(Map.of("Fn::GetAtt", List.of("T", "Arn")))).hasValue(List.of("T", "Arn"));
    assertThat(SamTemplate.getAtt(Map.of("Fn::GetAtt", List.of("T")))).isEmpty();
  }

  /** samtranslator's Globals rules: scalars and intrinsics replaced, maps merged per key, lists concatenated. */
  @Test
  void globals_mergeIntoEachResource_asSamMergesThem() {
    SamTemplate template = SamTemplate.parse("""
        Globals:
          Function:
            Runtime: java21
            Timeout: 10
            Tracing: !If [TracingOn, Active, PassThrough]
            Layers: [a]
            Environment:
              Variables:
                TABLE_NAME: !Ref Table
                SHARED: global
            SnapStart:
              ApplyOn: PublishedVersions
        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            Properties: { Timeout: untouched }
          F:
            Type: AWS::Serverless::Function
            Properties:
              Handler: x.F::h
              Timeout: 3
              Tracing: Active
              Layers: [b]
              Environment:
                Variables:
                  SHARED: own
                  OWN: !Sub '${AWS::Region}'
          G:
            Type: AWS::Serverless::Function
            Properties:
              Environment: !If [C, {Variables: {A: b}}, !Ref AWS::NoValue]
              SnapStart: { ApplyOn: None }
        """);

    Map<String, Object> f = template.mergedProperties("F");
    assertThat(f.get("Runtime")).isEqualTo("java21");
    assertThat(f.get("Timeout")).isEqualTo(3);
    assertThat(f.get("Tracing")).isEqualTo("Active");
    assertThat(f.get("Layers")).isEqualTo(List.of("a", "b"));
    assertThat(f.get("Environment")).isEqualTo(Map.of("Variables", Map.of(
        "TABLE_NAME", Map.of("Ref", "Table"), "SHARED", "own", "OWN", Map.of("Fn::Sub", "${AWS::Region}"))));
    assertThat(f.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));

    Map<String, Object> g = template.mergedProperties("G");
    assertThat(g.get("Environment")).as("an intrinsic replaces the global map whole")
        .isEqualTo(Map.of("Fn::If", List.of("C", Map.of("Variables", Map.of("A", "b")), Map.of("Ref", "AWS::NoValue"))));
    assertThat(g.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "None"));
    assertThat(g.get("Tracing")).isEqualTo(Map.of("Fn::If", List.of("TracingOn", "Active", "PassThrough")));

    assertThat(template.mergedProperties("Table")).isEqualTo(Map.of("Timeout", "untouched"));
    assertThat(template.resourcesOfType("AWS::Serverless::Function")).containsExactly("F", "G");
  }

  @Test
  void mergedPropertiesAndTreeCopies_areIndependentOfTheTemplate() {
    SamTemplate template = SamTemplate.parse("""
        Globals: { Function: { Environment: { Variables: { A: '1' } } } }
        Resources: { F: { Type: AWS::Serverless::Function, Properties: { Handler: x.F::h } } }
        """);
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) template.mergedProperties("F")
        .get("Environment")).get("Variables");
    variables.put("B", "2");
    template.copyOfTree().remove("Resources");

    assertThat(template.mergedProperties("F").get("Environment")).isEqualTo(Map.of("Variables", Map.of("A", "1")));
    assertThat(template.resources()).containsOnlyKeys("F");
  }

  @Test
  void realTemplate_reads_withGlobalsAppliedToBothFunctions() throws Exception {
    SamTemplate template = SamTemplate.loadProject(projectDir());

    assertThat(template.resourcesOfType("AWS::Serverless::Function"))
        .containsExactly("RegisterWebhookFunction", "GetWebhookFunction");
    for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
      Map<String, Object> properties = template.mergedProperties(function);
      assertThat(properties.get("Runtime")).isEqualTo("java21");
      assertThat(SamTemplate.map(SamTemplate.map(properties.get("Environment"), "Environment").get("Variables"), "V"))
          .containsEntry("TABLE_NAME", Map.of("Ref", "CollectionsTable"));
    }
  }
}
