package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.SnapStartPriming;
import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.local.SamTemplate;
import com.web3crm.webhook.testing.TestDynamoDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** docs/OPERATIONS.md describes what the import command does, in the code's own terms and figures. */
class OperationsDocTest {
  private static String doc() throws IOException {
    return Files.readString(TestDynamoDb.projectDir().resolve("docs/OPERATIONS.md"), StandardCharsets.UTF_8);
  }

  @Test
  void everyImportResultAndConflictReason_isDocumented() throws IOException {
    String doc = doc();
    for (CollectionAdmin.ImportResult result : CollectionAdmin.ImportResult.values()) {
      assertThat(doc).contains("| `" + result.name().toLowerCase(Locale.ROOT) + "` |");
    }
    for (String reason : CollectionAdmin.CONFLICT_REASONS) {
      assertThat(doc).contains("`" + reason + "`");
    }
  }

  @Test
  void theImportFileRules_areDocumentedWithTheCodesFigures() throws IOException {
    assertThat(doc()).contains(
        "| `api_key` | 1–" + Credentials.MAX_API_KEY_LENGTH + " printable ASCII characters, no spaces; not starting"
            + " with `" + CredentialGenerator.API_SECRET_PREFIX + "`; not `" + SnapStartPriming.KEY + "` |",
        "| `api_secret` | " + ImportFile.MIN_SECRET_LENGTH + "–" + ImportFile.MAX_SECRET_LENGTH + " printable ASCII",
        "| `collection_id` | 1–" + CollectionIds.MAX_LENGTH + " characters of `A-Z a-z 0-9 . _ : -` |",
        "bin/collections import --file creds.jsonl");
  }

  @Test
  void everyAlarmOfTheTemplate_isNamed_andTheSectionLeadsToItsRunbook() throws IOException {
    String doc = doc();
    String alarms = doc.substring(doc.indexOf("## Alarms"));
    for (String alarm : SamTemplate.loadProject(TestDynamoDb.projectDir()).resourcesOfType("AWS::CloudWatch::Alarm")) {
      assertThat(alarms).as(alarm).contains("`" + alarm + "`");
    }
    assertThat(alarms).contains("(OBSERVABILITY.md#alarms-and-what-to-do)");
    assertThat(Files.readString(TestDynamoDb.projectDir().resolve("docs/OBSERVABILITY.md"), StandardCharsets.UTF_8))
        .contains("\n## Alarms and what to do\n");
  }
}
