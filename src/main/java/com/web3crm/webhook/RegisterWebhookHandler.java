package com.web3crm.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.api.ApiResponses;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.CredentialHeaders;
import com.web3crm.webhook.api.Credentials;
import com.web3crm.webhook.api.ErrorMessages;
import com.web3crm.webhook.api.RequestHeaders;
import com.web3crm.webhook.api.MetricsNamespace;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.body.RequestBody;
import com.web3crm.webhook.rules.WebhookChange;
import com.web3crm.webhook.store.CollectionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@code POST /crm_register_webhook}: registers or updates a collection's webhook.
 *
 * <p>Order of checks (the contract's): credential headers present → body decoded and validated (the same
 * whatever the credentials, so nothing about a key leaks) → one conditional UpdateItem that succeeds only for an
 * active collection whose secret matches.
 *
 * <pre>
 * curl -X POST http://127.0.0.1:3000/crm_register_webhook \
 *   -H 'api_key: ck_...' -H 'api_secret: cs_...' \
 *   --data-urlencode 'webhook=https://hooks.example.com/in'
 * # {"status":true,"message":"updated"}
 * </pre>
 */
public final class RegisterWebhookHandler
    implements RequestStreamHandler, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
  public static final String ROUTE = "POST /crm_register_webhook";

  private final CollectionStore store;
  private final Clock clock;
  private final MetricsNamespace namespace;

  /**
   * The Lambda entry point: table, client and metrics namespace from the environment ({@link FunctionEnvironment}),
   * built once per execution environment, and
   * registered for SnapStart priming ({@link #beforeCheckpoint}).
   */
  public RegisterWebhookHandler() {
    this(FunctionEnvironment.current());
    Core.getGlobalContext().register(this);
  }

  private RegisterWebhookHandler(FunctionEnvironment environment) {
    this(CollectionStore.forFunction(environment.store()), Clock.systemUTC(), environment.metricsNamespace());
  }

  /** A handler on {@code store} and {@code clock}, its metrics in the default namespace (local runs, tests). */
  public RegisterWebhookHandler(CollectionStore store, Clock clock) {
    this(store, clock, MetricsNamespace.DEFAULT);
  }

  public RegisterWebhookHandler(CollectionStore store, Clock clock, MetricsNamespace namespace) {
    this.store = store;
    this.clock = clock;
    this.namespace = namespace;
  }

  /**
   * What Lambda calls: the event's JSON bytes in, the response's out, read and written by {@link
   * com.web3crm.webhook.api.ProxyEventJson}, so the runtime never loads its own event serializers. For the
   * template's {@code Handler: ...::handleRequest} the runtime picks this overload over the typed one (it prefers
   * the longest signature; {@code LambdaRuntimeChoiceTest} checks that with the runtime's own loader).
   */
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    ApiCall.handle(ROUTE, namespace, input, output, context, this::register);
  }

  /** The same request as an event object (tests, local tools, the bench's raw comparison). */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return ApiCall.handle(ROUTE, namespace, event, context, this::register);
  }

  private APIGatewayProxyResponseEvent register(APIGatewayProxyRequestEvent event, RequestLog log) {
    Credentials credentials = CredentialHeaders.require(event);
    WebhookChange change =
        WebhookChange.from(
            RequestBody.decodeFields(
                event.getBody(), event.getIsBase64Encoded(), RequestHeaders.single(event, "Content-Type")));
    if (!credentials.keyIsWellFormed() || !store.updateWebhook(credentials, change, clock.instant(), log)) {
      throw new ClientError(ErrorMessages.CREDENTIALS_INVALID);
    }
    return ApiResponses.updated();
  }

  /** SnapStart: before the snapshot, runs one request through the whole path ({@link SnapStartPriming}). */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    SnapStartPriming.primeRegister(this);
  }

  /** SnapStart: nothing to redo after a restore (credentials are fetched per call, nothing random was made). */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {}
}
