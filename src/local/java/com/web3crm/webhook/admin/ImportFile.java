package com.web3crm.webhook.admin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.web3crm.webhook.SnapStartPriming;
import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.local.LocalTable;
import com.web3crm.webhook.store.SecretHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The file of {@code bin/collections import}: existing collections' credentials, one JSON object per line,
 * {@code {"collection_id": "...", "api_key": "...", "api_secret": "..."}}, checked as a whole before anything is
 * written. Blank lines are skipped; lines may end in CRLF; a UTF-8 byte-order mark is ignored.
 *
 * <p>What a line must hold (the reasons are in docs/OPERATIONS.md):
 * <ul>
 *   <li>exactly the three fields, each a JSON string, each once;
 *   <li>{@code collection_id}: the rule of {@code create} ({@link CollectionIds});
 *   <li>{@code api_key}: what both routes accept as a key ({@link Credentials#keyIsWellFormed}: 1 to
 *       {@value Credentials#MAX_API_KEY_LENGTH} printable ASCII characters, no space) — a key the routes would
 *       answer as malformed could never be used; not starting with {@code cs_} (a secret in the wrong column); not
 *       the key SnapStart priming uses ({@link SnapStartPriming#KEY});
 *   <li>{@code api_secret}: {@value #MIN_SECRET_LENGTH} to {@value #MAX_SECRET_LENGTH} printable ASCII characters,
 *       no space (the routes trim header values, so surrounding spaces could never match; fewer than
 *       {@value #MIN_SECRET_LENGTH} characters cannot hold 128 random bits, the strength a fast hash relies on);
 *       not the api_key itself; not the publicly known local demo secret;
 *   <li>across lines: no api_key and no collection_id twice (one active credential per collection, as
 *       {@code create} keeps it).
 * </ul>
 * Problems name the line and the rule; they never repeat a secret (nor a key or field name that could be one).
 */
public final class ImportFile {
  private ImportFile() {}

  static final String COLLECTION_ID = "collection_id";
  static final String API_KEY = "api_key";
  static final String API_SECRET = "api_secret";
  static final int MIN_SECRET_LENGTH = 20;
  static final int MAX_SECRET_LENGTH = 1024;
  private static final List<String> FIELDS = List.of(COLLECTION_ID, API_KEY, API_SECRET);
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(64 * 1024).build())
      .build();

  /** One credential to import: the secret is already hashed; {@link #toString()} hides the hash. */
  public record Line(int number, String collectionId, String apiKey, String secretHash) {
    @Override
    public String toString() {
      return "ImportFile.Line[number=" + number + ", collectionId=" + collectionId + ", apiKey=" + apiKey
          + ", secretHash=***]";
    }
  }

  /** The file's credentials, or (when {@code problems} is not empty) why it cannot be imported. */
  public record Parsed(List<Line> lines, List<String> problems) {}

  /** Decodes {@code bytes} as UTF-8 (strictly) and {@link #parse(String)}s them. */
  public static Parsed parse(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new Parsed(List.of(), List.of("the file is not UTF-8 text"));
    }
    return parse(text);
  }

  /** Checks every line of {@code text}; the credentials come back only when every line is right. */
  public static Parsed parse(String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Line> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> keys = new HashMap<>();
    Map<String, Integer> collections = new HashMap<>();
    String[] physical = text.split("\n", -1);
    for (int i = 0; i < physical.length; i++) {
      String raw = physical[i].endsWith("\r") ? physical[i].substring(0, physical[i].length() - 1) : physical[i];
      if (raw.isBlank()) {
        continue;
      }
      int number = i + 1;
      int before = problems.size();
      Map<String, String> fields = fields(raw, number, problems);
      if (fields == null) {
        continue;
      }
      String collectionId = fields.get(COLLECTION_ID);
      String apiKey = fields.get(API_KEY);
      String apiSecret = fields.get(API_SECRET);
      String collectionProblem = CollectionIds.problem(collectionId);
      if (collectionProblem != null) {
        problems.add("line " + number + ": " + COLLECTION_ID + ": " + collectionProblem);
      }
      checkKey(apiKey, number, problems);
      checkSecret(apiSecret, apiKey, number, problems);
      if (problems.size() > before) {
        continue;
      }
      Integer keyLine = keys.putIfAbsent(apiKey, number);
      if (keyLine != null) {
        problems.add("line " + number + ": " + API_KEY + " " + apiKey + " is also on line " + keyLine);
      }
      Integer collectionLine = collections.putIfAbsent(collectionId, number);
      if (collectionLine != null) {
        problems.add("line " + number + ": " + COLLECTION_ID + " " + collectionId + " is also on line "
            + collectionLine + " (a collection has one active credential)");
      }
      lines.add(new Line(number, collectionId, apiKey, SecretHash.of(apiSecret)));
    }
    if (problems.isEmpty() && lines.isEmpty()) {
      problems.add("the file holds no credentials (one JSON object per line:"
          + " {\"collection_id\": ..., \"api_key\": ..., \"api_secret\": ...})");
    }
    return problems.isEmpty() ? new Parsed(List.copyOf(lines), List.of()) : new Parsed(List.of(), List.copyOf(problems));
  }

  /** The three string fields of a flat JSON object, or null (with the problems added). */
  private static Map<String, String> fields(String line, int number, List<String> problems) {
    Map<String, String> fields = new LinkedHashMap<>();
    boolean wrongType = false;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        problems.add("line " + number + ": not a JSON object");
        return null;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        String shown = PLAIN_NAME.matcher(name).matches() ? name : "(a field name not shown)";
        JsonToken value = parser.nextToken();
        if (!FIELDS.contains(name)) {
          problems.add("line " + number + ": unknown field " + shown + "; allowed: " + String.join(", ", FIELDS));
          parser.skipChildren();
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          problems.add("line " + number + ": " + name + " must be a JSON string");
          wrongType = true;
          parser.skipChildren();
          continue;
        }
        if (fields.putIfAbsent(name, parser.getText()) != null) {
          problems.add("line " + number + ": " + name + " is given more than once");
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        problems.add("line " + number + ": not one JSON object (column " + parser.currentLocation().getColumnNr()
            + ")");
        return null;
      }
    } catch (IOException e) {
      // never e.getMessage(): Jackson quotes the text around the error, which may be a secret
      problems.add("line " + number + ": not valid JSON"
          + (e instanceof JsonProcessingException j && j.getLocation() != null
              ? " (column " + j.getLocation().getColumnNr() + ")"
              : ""));
      return null;
    }
    if (wrongType) {
      return null;
    }
    boolean complete = true;
    for (String field : FIELDS) {
      if (!fields.containsKey(field)) {
        problems.add("line " + number + ": " + field + " is missing");
        complete = false;
      }
    }
    return complete ? fields : null;
  }

  private static void checkKey(String apiKey, int number, List<String> problems) {
    if (apiKey.startsWith(CredentialGenerator.API_SECRET_PREFIX)) {
      problems.add("line " + number + ": " + API_KEY + " starts with " + CredentialGenerator.API_SECRET_PREFIX
          + ", the prefix of secrets (not shown): are " + API_KEY + " and " + API_SECRET + " swapped?");
      return;
    }
    if (apiKey.isBlank() || !new Credentials(apiKey, "-").keyIsWellFormed()) {
      problems.add("line " + number + ": " + API_KEY + " must be 1-" + Credentials.MAX_API_KEY_LENGTH
          + " printable ASCII characters without spaces (the routes answer any other key as invalid)");
      return;
    }
    if (apiKey.equals(SnapStartPriming.KEY)) {
      problems.add("line " + number + ": " + API_KEY + " " + apiKey + " is reserved (the functions' SnapStart"
          + " priming sends it)");
    }
  }

  private static void checkSecret(String secret, String apiKey, int number, List<String> problems) {
    if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
      problems.add("line " + number + ": " + API_SECRET + " must be " + MIN_SECRET_LENGTH + "-" + MAX_SECRET_LENGTH
          + " characters (fewer cannot hold 128 random bits)");
      return;
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        problems.add("line " + number + ": " + API_SECRET + " must be printable ASCII without spaces; character "
            + (i + 1) + " is not");
        return;
      }
    }
    if (secret.equals(apiKey)) {
      problems.add("line " + number + ": " + API_SECRET + " equals " + API_KEY);
    } else if (secret.equals(LocalTable.DEMO_API_SECRET)) {
      problems.add("line " + number + ": " + API_SECRET + " is the publicly known local demo secret");
    }
  }
}
