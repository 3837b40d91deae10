package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.web3crm.webhook.admin.CliArguments.Create;
import com.web3crm.webhook.admin.CliArguments.Help;
import com.web3crm.webhook.admin.CliArguments.Import;
import com.web3crm.webhook.admin.CliArguments.ListCredentials;
import com.web3crm.webhook.admin.CliArguments.Revoke;
import com.web3crm.webhook.admin.CliArguments.RotateSecret;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {
  private static final String SECRET = "cs_" + "A".repeat(43);

  @Test
  void createTakesTheCollectionIdAsNextArgumentOrAfterEquals() throws Exception {
    assertThat(CliArguments.parse("create", "--collection-id", "col-1")).isEqualTo(new Create("col-1"));
    assertThat(CliArguments.parse("create", "--collection-id=col-1")).isEqualTo(new Create("col-1"));
  }

  @Test
  void rotateSecretAndRevokeTakeTheApiKey() throws Exception {
    assertThat(CliArguments.parse("rotate-secret", "--api-key", "ck_abc")).isEqualTo(new RotateSecret("ck_abc"));
    assertThat(CliArguments.parse("revoke", "--api-key=ck_abc")).isEqualTo(new Revoke("ck_abc"));
  }

  @Test
  void listTakesNoOptions() throws Exception {
    assertThat(CliArguments.parse("list")).isEqualTo(new ListCredentials());
    assertThatThrownBy(() -> CliArguments.parse("list", "--api-key", "ck_abc"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown option '--api-key' for list");
  }

  @Test
  void importTakesAFile_orStdin_andAnOptionalReplaceSecretFlag() throws Exception {
    assertThat(CliArguments.parse("import", "--file", "creds.jsonl")).isEqualTo(new Import("creds.jsonl", false));
    assertThat(CliArguments.parse("import", "--file=creds.jsonl", "--replace-secret"))
        .isEqualTo(new Import("creds.jsonl", true));
    assertThat(CliArguments.parse("import", "--replace-secret", "--file", "-")).isEqualTo(new Import("-", true));
  }

  @Test
  void importWithoutAFile_orWithAValueForTheFlag_orTheFlagTwice_isAUsageError() {
    assertThatThrownBy(() -> CliArguments.parse("import"))
        .isInstanceOf(UsageException.class).hasMessage("import needs --file");
    assertThatThrownBy(() -> CliArguments.parse("import", "--file", "--replace-secret"))
        .isInstanceOf(UsageException.class).hasMessage("option --file needs a value");
    assertThatThrownBy(() -> CliArguments.parse("import", "--file="))
        .isInstanceOf(UsageException.class).hasMessage("--file needs a file name (or - for stdin)");
    assertThatThrownBy(() -> CliArguments.parse("import", "--file", "f", "--replace-secret=yes"))
        .isInstanceOf(UsageException.class).hasMessage("option --replace-secret takes no value");
    assertThatThrownBy(() -> CliArguments.parse("import", "--file", "f", "--replace-secret", "--replace-secret"))
        .isInstanceOf(UsageException.class).hasMessage("option --replace-secret is given more than once");
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id", "c", "--replace-secret"))
        .isInstanceOf(UsageException.class).hasMessage("unknown option '--replace-secret' for create");
  }

  @Test
  void noArgumentsOrHelpAnywhereIsHelp() throws Exception {
    assertThat(CliArguments.parse()).isEqualTo(new Help(false));
    assertThat(CliArguments.parse("--help")).isEqualTo(new Help(true));
    assertThat(CliArguments.parse("-h")).isEqualTo(new Help(true));
    assertThat(CliArguments.parse("help")).isEqualTo(new Help(true));
    assertThat(CliArguments.parse("create", "--help")).isEqualTo(new Help(true));
    assertThat(CliArguments.parse("bogus", "--help")).isEqualTo(new Help(true));
  }

  @Test
  void helpIsAValidCollectionIdAfterTheCommand() throws Exception {
    assertThat(CliArguments.parse("create", "--collection-id", "help")).isEqualTo(new Create("help"));
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertThatThrownBy(() -> CliArguments.parse("delete", "--api-key", "k"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown command 'delete'");
    assertThatThrownBy(() -> CliArguments.parse("--collection-id", "x"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("expected a command");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id", "c", "--force"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option '--force' for create");
    assertThatThrownBy(() -> CliArguments.parse("create", "--api-key", "k"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option '--api-key' for create");
    assertThatThrownBy(() -> CliArguments.parse("revoke", "--api-key=k", "-x"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option '-x' for revoke");
  }

  @Test
  void missingOrEmptyValues() {
    assertThatThrownBy(() -> CliArguments.parse("create"))
        .isInstanceOf(UsageException.class)
        .hasMessage("create needs --collection-id");
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id"))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --collection-id needs a value");
    assertThatThrownBy(() -> CliArguments.parse("rotate-secret", "--api-key", "--other"))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --api-key needs a value");
    assertThatThrownBy(() -> CliArguments.parse("revoke", "--api-key="))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("must be 1-1024 characters");
  }

  @Test
  void optionsMayBeGivenOnce() {
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id", "a", "--collection-id=b"))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --collection-id is given more than once");
  }

  @Test
  void strayPositionalArgumentsAreUsageErrors() {
    assertThatThrownBy(() -> CliArguments.parse("create", "col-1"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unexpected argument 'col-1' for create");
    assertThatThrownBy(() -> CliArguments.parse("list", "extra"))
        .isInstanceOf(UsageException.class)
        .hasMessage("unexpected argument 'extra' for list");
  }

  @Test
  void collectionIdIsValidated() {
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id", "has space"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("invalid --collection-id")
        .hasMessageContaining("position 4");
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id=" + "x".repeat(129)))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("129 characters");
    assertThatThrownBy(() -> CliArguments.parse("create", "--collection-id="))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void apiKeyWithSpaceOrControlCharacterIsRefused() {
    assertThatThrownBy(() -> CliArguments.parse("revoke", "--api-key", "ck_a b"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("position 5");
  }

  @Test
  void aSecretPassedAsApiKeyIsRefusedWithoutBeingEchoed() {
    assertThatThrownBy(() -> CliArguments.parse("revoke", "--api-key", SECRET))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("api_secret, not an api_key")
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void aSecretAsAStrayArgumentIsNotEchoed() {
    assertThatThrownBy(() -> CliArguments.parse("revoke", SECRET))
        .isInstanceOf(UsageException.class)
        .message()
        .contains("looks like an api_secret")
        .doesNotContain(SECRET);
    assertThatThrownBy(() -> CliArguments.parse("rotate-secret", "--api-key=ck_a", "--api-secret=" + SECRET))
        .isInstanceOf(UsageException.class)
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void longArgumentsAreCutInMessages() {
    assertThatThrownBy(() -> CliArguments.parse("x".repeat(500)))
        .isInstanceOf(UsageException.class)
        .message()
        .hasSizeLessThan(100);
  }
}
