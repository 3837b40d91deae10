package com.web3crm.webhook.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.web3crm.webhook.api.ClientError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded random corruption of valid bodies in every encoding: whatever comes in, the decoder answers with fields
 * or a {@link ClientError}, nothing else. The seed is printed; a failure names the round and the input.
 */
class RequestBodyFuzzTest {
  private static final long SEED = 0x5EED_B0D1L;
  private static final int ROUNDS = 20_000;

  private static final String MULTIPART = "multipart/form-data; boundary=XyZ";

  private record Sample(String body, String contentType) {}

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample("webhook=https%3A%2F%2Fhooks.example.com%2Fin&webhook_login=ops&webhook_pass=p%C3%A4ss+w", null),
          new Sample("webhook_pass=a+b&webhook_login=%E2%82%AC&&x", "application/x-www-form-urlencoded"),
          new Sample(
              "{\"webhook\":\"https:\\/\\/hooks.example.com\\/in\",\"webhook_login\":\"\\u00e4\\uD83D\\uDE00\","
                  + "\"webhook_pass\":null}",
              "application/json; charset=utf-8"),
          new Sample(" {\"a\" : \"\\\"\\\\\\b\\f\\n\\r\\t\" , \"b\":null }", null),
          new Sample(
              "--XyZ\r\nContent-Disposition: form-data; name=\"webhook\"\r\n\r\nhttps://hooks.example.com/in\r\n"
                  + "--XyZ\r\nContent-Disposition: form-data; name=webhook_pass\r\nContent-Type: text/plain\r\n\r\n"
                  + "pässwörd\r\n--XyZ--\r\n",
              MULTIPART),
          new Sample(
              "preamble\n--XyZ\ncontent-disposition: form-data; name=\"a\\\"b\"\n\n\n--XyZ--", MULTIPART));

  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "Application/JSON;charset=\"UTF-8\"",
          "application/x-www-form-urlencoded; charset=us-ascii",
          MULTIPART,
          "multipart/form-data; boundary=\"XyZ\"",
          "text/plain",
          "");

  private static final List<String> TOKENS =
      List.of(
          "\\u", "\\uD800", "\\uDC00", "\\", "%", "%E0", "%C3%A4", "%zz", "+", "&", "=", "--XyZ", "--XyZ--", "\r\n",
          "\n", "\r\n\r\n", "\"", "{", "}", "[", "]", "null", "nul", ",", ":", "true", "0", "-",
          "Content-Disposition: form-data; name=", "; filename=\"f\"", "Content-Type: text/html\r\n", " ", "\t",
          "\0", "\uD83D", "\uDE00", "ä", "😀", "\u2028", "\uFFFF");

  @Test
  void corruptedBodies_yieldFieldsOrClientError_only() {
    System.out.println("RequestBodyFuzzTest seed=0x" + Long.toHexString(SEED) + " rounds=" + ROUNDS);
    Random random = new Random(SEED);
    int accepted = 0;
    Map<String, Integer> rejected = new TreeMap<>();
    for (int round = 0; round < ROUNDS; round++) {
      Sample sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
      String body = random.nextInt(20) == 0 ? randomText(random) : mutate(sample.body(), random);
      Boolean isBase64 = null;
      int encoding = random.nextInt(10);
      if (encoding < 3) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0 && random.nextBoolean()) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        body = Base64.getEncoder().encodeToString(bytes);
        isBase64 = true;
        if (random.nextInt(4) == 0) {
          body = mutate(body, random);
        }
      } else if (encoding == 3) {
        isBase64 = false;
      }
      String contentType =
          switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            case 2 -> mutate(sample.contentType() == null ? MULTIPART : sample.contentType(), random);
            default -> sample.contentType();
          };
      try {
        Map<String, String> fields = RequestBody.decodeFields(body, isBase64, contentType);
        assertThat(fields).isNotNull();
        fields.forEach(
            (name, value) -> {
              assertThat(name).isNotNull();
              assertThat(Text.hasLoneSurrogate(name)).isFalse();
              assertThat(value == null || !Text.hasLoneSurrogate(value)).isTrue();
            });
        accepted++;
      } catch (ClientError e) {
        assertThat(e.message()).isNotBlank();
        String kind = e.message().startsWith("ambiguous input") ? "ambiguous input" : e.message();
        rejected.merge(kind, 1, Integer::sum);
      } catch (Throwable t) {
        fail(
            "round %d (seed 0x%s): %s for body=%s base64=%s contentType=%s"
                .formatted(round, Long.toHexString(SEED), t, escape(body), isBase64, escape(contentType)),
            t);
      }
    }
    System.out.println("accepted=" + accepted + " rejected=" + rejected);
    assertThat(accepted).as("some corrupted bodies still decode").isPositive();
    assertThat(rejected).as("and some are rejected").isNotEmpty();
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = out.isEmpty() ? 0 : random.nextInt(out.length());
      switch (random.nextInt(6)) {
        case 0 -> {
          if (!out.isEmpty()) {
            out.setCharAt(at, (char) random.nextInt(0x10000));
          }
        }
        case 1 -> out.insert(at, (char) random.nextInt(128));
        case 2 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(8)));
        case 3 -> out.setLength(at);
        case 4 -> {
          int from = out.isEmpty() ? 0 : random.nextInt(out.length());
          int to = Math.min(out.length(), from + random.nextInt(40));
          out.insert(at, out.substring(from, to));
        }
        default -> out.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
      }
    }
    return out.toString();
  }

  private static String randomText(Random random) {
    char[] chars = new char[random.nextInt(200)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = random.nextBoolean() ? (char) random.nextInt(128) : (char) random.nextInt(0x10000);
    }
    return new String(chars);
  }

  private static String escape(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
  }
}
