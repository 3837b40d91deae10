package com.web3crm.webhook.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.web3crm.webhook.testing.HostileEvents.Generated;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator behind HandlerPropertiesIT: an event is a function of its seed, and the header model is the contract's. */
class HostileEventsTest {

  @Test
  void anEventIsRebuiltExactlyFromItsSeed_soAPrintedSeedReproducesIt() {
    SplittableRandom seeds = new SplittableRandom(0xC0FFEEL);
    for (int i = 0; i < 2_000; i++) {
      long seed = seeds.nextLong();
      Generated a = HostileEvents.generate(seed);
      Generated b = HostileEvents.generate(seed);
      assertThat(b.event()).as("seed %x", seed).isEqualTo(a.event());
      assertThat(b.expected()).isEqualTo(a.expected());
      assertThat(b.description()).isEqualTo(a.description());
      assertThat(b.post()).isEqualTo(a.post());
    }
  }

  @Test
  void differentSeeds_giveDifferentPostEvents() {
    Set<String> descriptions = new HashSet<>();
    int posts = 0;
    for (long seed = 0; seed < 500; seed++) {
      Generated g = HostileEvents.generate(seed);
      if (g.post()) {
        posts++;
        descriptions.add(g.description());
      }
    }
    // a GET with plain valid credentials is the same event whatever its seed; POST bodies differ
    assertThat(descriptions.size()).as("distinct POST events out of " + posts).isGreaterThan(posts * 9 / 10);
  }

  @Test
  void headerModel_readsBothMaps_ignoresAsciiCaseAndNulls_andTrims() {
    Map<String, String> single = new HashMap<>();
    single.put("API_KEY", " k_1\t");
    single.put(null, "x");
    single.put("api_secret", null);
    Map<String, List<String>> multi = new HashMap<>();
    multi.put("Api_Key", Arrays.asList(null, "k_1"));
    multi.put("api_secret", null);
    var event = new APIGatewayProxyRequestEvent().withHeaders(single).withMultiValueHeaders(multi);
    assertThat(HostileEvents.header(event, "api_key")).isEqualTo(new HostileEvents.HeaderValue("k_1", false));
    assertThat(HostileEvents.header(event, "api_secret")).isEqualTo(new HostileEvents.HeaderValue(null, false));

    multi.put("API_KEY", List.of("k_2"));
    assertThat(HostileEvents.header(event, "api_key").ambiguous()).isTrue();
    assertThat(HostileEvents.header(new APIGatewayProxyRequestEvent().withHeaders(Map.of("AP\u0130_KEY", "k")), "api_key")
        .value()).as("not an ASCII case variant").isNull();
  }

  @Test
  void aRunOfEvents_mixesPredictedAndOpenOutcomes_andBothRoutes() {
    int predicted = 0;
    int post = 0;
    int expected200 = 0;
    SplittableRandom seeds = new SplittableRandom(7);
    for (int i = 0; i < 3_000; i++) {
      Generated g = HostileEvents.generate(seeds.nextLong());
      predicted += g.expected() != null ? 1 : 0;
      post += g.post() ? 1 : 0;
      expected200 += g.expected() != null && g.expected().status() == 200 ? 1 : 0;
    }
    assertThat(predicted).as("events whose answer the generator knows").isBetween(2_000, 2_950);
    assertThat(post).isBetween(1_800, 2_400);
    assertThat(expected200).as("events that must succeed").isGreaterThan(300);
  }
}
