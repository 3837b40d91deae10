package com.web3crm.webhook.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.regions.Region;

/**
 * C20: the functions' credentials survive a SnapStart restore. Lambda gives SnapStart functions their
 * credentials through the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not
 * environment variables; the provider must read it and fetch again once the credentials expire, instead of keeping
 * what it saw before the snapshot. Here a local HTTP server plays that endpoint (the SDK reads the same settings
 * from the system properties {@code aws.containerCredentialsFullUri} and {@code aws.containerAuthorizationToken}).
 */
class DynamoDbClientsTest {
  private final AtomicReference<String> keyId = new AtomicReference<>("ASIA_BEFORE_SNAPSHOT");
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer endpoint;

  @BeforeEach
  void startCredentialsEndpoint() throws Exception {
    endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    endpoint.createContext("/creds", exchange -> {
      fetches.incrementAndGet();
      // expires in 30 s: inside the SDK's refresh window, so every resolution fetches again
      String body = "{\"AccessKeyId\":\"" + keyId.get() + "\",\"SecretAccessKey\":\"secret\",\"Token\":\"token\","
          + "\"Expiration\":\"" + Instant.now().plusSeconds(30) + "\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    endpoint.start();
    System.setProperty("aws.containerCredentialsFullUri",
        "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/creds");
    System.setProperty("aws.containerAuthorizationToken", "test-token");
  }

  @AfterEach
  void stop() {
    System.clearProperty("aws.containerCredentialsFullUri");
    System.clearProperty("aws.containerAuthorizationToken");
    endpoint.stop(0);
  }

  @Test
  void lambdaCredentials_comeFromTheContainerEndpoint_andAreFetchedAgainWhenTheyExpire() {
    var provider = DynamoDbClients.lambdaCredentials();

    AwsCredentials beforeSnapshot = provider.resolveCredentials();
    keyId.set("ASIA_AFTER_RESTORE");
    AwsCredentials afterRestore = provider.resolveCredentials();

    assertThat(beforeSnapshot.accessKeyId()).isEqualTo("ASIA_BEFORE_SNAPSHOT");
    assertThat(afterRestore.accessKeyId()).isEqualTo("ASIA_AFTER_RESTORE");
    assertThat(fetches.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void regionalEndpoint_isDynamoDbsHttpsEndpointOfTheRegion_inItsPartition() {
    assertThat(DynamoDbClients.regionalEndpoint(Region.EU_WEST_1)).hasToString("https://dynamodb.eu-west-1.amazonaws.com");
    assertThat(DynamoDbClients.regionalEndpoint(Region.CN_NORTH_1))
        .hasToString("https://dynamodb.cn-north-1.amazonaws.com.cn");
  }
}
