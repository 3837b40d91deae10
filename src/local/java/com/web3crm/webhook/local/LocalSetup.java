package com.web3crm.webhook.local;

import java.io.PrintStream;
import java.net.URI;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code LocalSetup}: prepares a local DynamoDB for the functions: creates the collections table when missing
 * ({@link LocalTable#ensure}) and makes sure the demo collection is there and active
 * ({@link LocalTable#ensureDemoCollection}). Idempotent; bin/local-api and bin/invoke run it (in-process, through
 * their {@code --setup} option) whenever they start a dynalite.
 *
 * <p>Configuration from the environment with {@link LocalEnvironment}'s defaults; {@code DYNAMODB_ENDPOINT} is
 * required. On an endpoint that is not a loopback address it does nothing but say so: a table and a collection
 * with public credentials have no business in a real account.
 */
public final class LocalSetup {
  private LocalSetup() {}

  public static void main(String[] args) {
    try {
      if (args.length > 0) {
        System.err.println("usage: LocalSetup   (env: DYNAMODB_ENDPOINT, TABLE_NAME, AWS_REGION)");
        System.exit(2);
      }
      run(LocalEnvironment.fromSystem(), System.err);
    } catch (RuntimeException e) {
      System.err.println("local setup failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Creates the table and the demo collection on {@code env}'s endpoint; reports what it did on {@code out}.
   *
   * @return true when the demo collection is there (false: the endpoint is not local and nothing was done)
   * @throws IllegalStateException when no endpoint is set, or a DynamoDB call fails
   */
  public static boolean run(LocalEnvironment env, PrintStream out) {
    URI endpoint =
        env.endpoint()
            .orElseThrow(() -> new IllegalStateException("DYNAMODB_ENDPOINT is not set: nothing local to set up"));
    if (!env.endpointIsLocal()) {
      out.println("local setup: " + endpoint + " is not a loopback address; not creating the table or the demo "
          + "collection there");
      return false;
    }
    try (DynamoDbClient client = env.dynamoDbClient()) {
      boolean created = LocalTable.ensure(client, env.tableName());
      LocalTable.DemoOutcome demo = LocalTable.ensureDemoCollection(client, env.tableName());
      out.println("local setup: table " + env.tableName() + (created ? " created" : " exists") + " at " + endpoint
          + "; demo collection " + LocalTable.DEMO_API_KEY + " " + demo.name().toLowerCase(java.util.Locale.ROOT));
      return true;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new IllegalStateException("DynamoDB at " + endpoint + ": " + e.getMessage(), e);
    }
  }
}
