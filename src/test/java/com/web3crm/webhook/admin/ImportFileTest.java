package com.web3crm.webhook.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.web3crm.webhook.SnapStartPriming;
import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.SecretHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The import file's line rules (docs/OPERATIONS.md, "Migrating existing credentials"). */
class ImportFileTest {
  /** A plausible existing platform's secret: 32 hex characters (128 bits), no cs_ prefix. */
  private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015";
  private static final String SECRET_2 = "ZmFrZS1wbGF0Zm9ybS1zZWNyZXQtMg";

  private static String line(String collectionId, String apiKey, String apiSecret) {
    return "{\"collection_id\":\"" + collectionId + "\",\"api_key\":\"" + apiKey + "\",\"api_secret\":\"" + apiSecret
        + "\"}";
  }

  @Test
  void validLines_becomeCredentials_holdingOnlyTheSecretsHash() {
    ImportFile.Parsed parsed = ImportFile.parse(line("col-1", "legacy-key-1", SECRET) + "\n"
        + "{\"api_secret\": \"" + SECRET_2 + "\", \"api_key\": \"ck_new\", \"collection_id\": \"col.2:x_y-z\"}\n");

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.lines()).containsExactly(
        new ImportFile.Line(1, "col-1", "legacy-key-1", SecretHash.of(SECRET)),
        new ImportFile.Line(2, "col.2:x_y-z", "ck_new", SecretHash.of(SECRET_2)));
  }

  @Test
  void blankLines_crlf_andAByteOrderMark_areAccepted_withPhysicalLineNumbers() {
    String text = "\uFEFF" + line("a", "key-a", SECRET) + "\r\n\r\n   \n" + line("b", "key-b", SECRET_2) + "\r\n";

    ImportFile.Parsed parsed = ImportFile.parse(text.getBytes(StandardCharsets.UTF_8));

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.lines()).extracting(ImportFile.Line::number).containsExactly(1, 4);
  }

  /** One bad line → exactly this problem; the secret (and anything that could be one) is never repeated. */
  static Stream<Arguments> badLines() {
    String key256 = "k".repeat(Credentials.MAX_API_KEY_LENGTH);
    return Stream.of(
        Arguments.of("not JSON", "collection_id=a,api_key=b", "line 1: not valid JSON (column 1)"),
        Arguments.of("an array", "[\"a\"]", "line 1: not a JSON object"),
        Arguments.of("two objects", line("a", "key-a", SECRET) + "{}", "line 1: not one JSON object (column 89)"),
        Arguments.of("truncated", "{\"collection_id\":\"a\",\"api_secret\":\"" + SECRET,
            "line 1: not valid JSON (column 68)"),
        Arguments.of("a missing field", "{\"collection_id\":\"a\",\"api_secret\":\"" + SECRET + "\"}",
            "line 1: api_key is missing"),
        Arguments.of("an unknown field", "{\"collection_id\":\"a\",\"api_key\":\"k\",\"api_secret\":\"" + SECRET
            + "\",\"note\":\"x\"}", "line 1: unknown field note; allowed: collection_id, api_key, api_secret"),
        Arguments.of("an unknown field named like a secret", "{\"collection_id\":\"a\",\"api_key\":\"k\",\"api_secret\":\""
            + SECRET + "\",\"" + SECRET + "/x\":1}",
            "line 1: unknown field (a field name not shown); allowed: collection_id, api_key, api_secret"),
        Arguments.of("a number", "{\"collection_id\":\"a\",\"api_key\":7,\"api_secret\":\"" + SECRET + "\"}",
            "line 1: api_key must be a JSON string"),
        Arguments.of("null", "{\"collection_id\":\"a\",\"api_key\":\"k\",\"api_secret\":null}",
            "line 1: api_secret must be a JSON string"),
        Arguments.of("a field twice", "{\"collection_id\":\"a\",\"api_key\":\"k\",\"api_secret\":\"" + SECRET
            + "\",\"api_secret\":\"" + SECRET_2 + "\"}", "line 1: api_secret is given more than once"),
        Arguments.of("a bad collection id", line("a b", "key-a", SECRET),
            "line 1: collection_id: character U+0020 at position 2 is not allowed (allowed: 1-128 characters of"
                + " A-Z a-z 0-9 . _ : -)"),
        Arguments.of("a key with a space", line("a", "key a", SECRET),
            "line 1: api_key must be 1-256 printable ASCII characters without spaces (the routes answer any other"
                + " key as invalid)"),
        Arguments.of("a key the routes refuse as too long", line("a", key256 + "k", SECRET),
            "line 1: api_key must be 1-256 printable ASCII characters without spaces (the routes answer any other"
                + " key as invalid)"),
        Arguments.of("an empty key", line("a", "", SECRET),
            "line 1: api_key must be 1-256 printable ASCII characters without spaces (the routes answer any other"
                + " key as invalid)"),
        Arguments.of("a non-ASCII key", line("a", "schl\u00fcssel", SECRET),
            "line 1: api_key must be 1-256 printable ASCII characters without spaces (the routes answer any other"
                + " key as invalid)"),
        Arguments.of("a secret in the key column", line("a", "cs_" + SECRET, SECRET_2),
            "line 1: api_key starts with cs_, the prefix of secrets (not shown): are api_key and api_secret swapped?"),
        Arguments.of("the priming key", line("a", SnapStartPriming.KEY, SECRET),
            "line 1: api_key snapstart-priming-never-issued is reserved (the functions' SnapStart priming sends it)"),
        Arguments.of("a short secret", line("a", "key-a", SECRET.substring(0, 19)),
            "line 1: api_secret must be 20-1024 characters (fewer cannot hold 128 random bits)"),
        Arguments.of("a secret with a space", line("a", "key-a", SECRET + " x"),
            "line 1: api_secret must be printable ASCII without spaces; character 33 is not"),
        Arguments.of("a secret with surrounding space", line("a", "key-a", " " + SECRET),
            "line 1: api_secret must be printable ASCII without spaces; character 1 is not"),
        Arguments.of("a non-ASCII secret", line("a", "key-a", SECRET + "\u00e9"),
            "line 1: api_secret must be printable ASCII without spaces; character 33 is not"),
        Arguments.of("the key as secret", line("a", SECRET, SECRET),
            "line 1: api_secret equals api_key"),
        Arguments.of("the demo secret", line("a", "key-a", LocalTable.DEMO_API_SECRET),
            "line 1: api_secret is the publicly known local demo secret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  void badLine_isRefusedWithItsLineNumberAndRule_withoutRepeatingTheSecret(String what, String line, String problem) {
    ImportFile.Parsed parsed = ImportFile.parse(line + "\n");

    assertThat(parsed.problems()).containsExactly(problem);
    assertThat(parsed.lines()).isEmpty();
    assertThat(String.join("\n", parsed.problems())).doesNotContain(SECRET).doesNotContain(SECRET_2)
        .doesNotContain(SECRET.substring(0, 19));
  }

  @Test
  void everyLineIsChecked_andOneBadLineRefusesTheWholeFile() {
    ImportFile.Parsed parsed = ImportFile.parse(String.join("\n",
        line("a", "key-a", SECRET),
        line("b", "key b", SECRET_2),
        line("c", "key-c", "short"),
        line("d", "key-d", SECRET)));

    assertThat(parsed.lines()).isEmpty();
    assertThat(parsed.problems()).containsExactly(
        "line 2: api_key must be 1-256 printable ASCII characters without spaces (the routes answer any other key as"
            + " invalid)",
        "line 3: api_secret must be 20-1024 characters (fewer cannot hold 128 random bits)");
  }

  @Test
  void aKeyOrACollectionTwiceInTheFile_isRefused() {
    ImportFile.Parsed parsed = ImportFile.parse(String.join("\n",
        line("a", "key-a", SECRET),
        line("b", "key-a", SECRET_2),
        line("a", "key-c", SECRET_2)));

    assertThat(parsed.problems()).containsExactly(
        "line 2: api_key key-a is also on line 1",
        "line 3: collection_id a is also on line 1 (a collection has one active credential)");
  }

  @Test
  void anEmptyFileOrNonUtf8_isRefused() {
    assertThat(ImportFile.parse("\n \n").problems()).containsExactly(
        "the file holds no credentials (one JSON object per line: {\"collection_id\": ..., \"api_key\": ...,"
            + " \"api_secret\": ...})");
    assertThat(ImportFile.parse(new byte[] {'{', (byte) 0xC3, '}'}).problems())
        .containsExactly("the file is not UTF-8 text");
  }

  @Test
  void theKeyRuleIsTheRoutes() {
    String longest = "k".repeat(Credentials.MAX_API_KEY_LENGTH);
    assertThat(new Credentials(longest, "s").keyIsWellFormed()).isTrue();
    assertThat(ImportFile.parse(line("a", longest, SECRET)).problems()).isEmpty();
    assertThat(ImportFile.parse(line("a", "!~", SECRET)).problems()).isEmpty();
    assertThat(ImportFile.parse(line("a", "key-a", "!".repeat(20))).problems()).isEmpty();
  }

  @Test
  void aLineToString_hidesTheHash() {
    ImportFile.Line line = ImportFile.parse(line("a", "key-a", SECRET)).lines().get(0);

    assertThat(line.toString()).contains("key-a").doesNotContain(SecretHash.of(SECRET)).doesNotContain(SECRET);
    assertThat(List.of(line).toString()).doesNotContain(SecretHash.of(SECRET));
  }
}
