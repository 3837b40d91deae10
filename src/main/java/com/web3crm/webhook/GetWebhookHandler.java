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
import com.web3crm.webhook.api.MetricsNamespace;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.store.CollectionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.crac.Core;
import org.crac.Resource;
import com.web3crm.webhook.store.WebhookSettings;

/**
 * {@code GET /crm_get_webhook}: reads a collection's webhook back with one strongly consistent GetItem.
 *
 * <pre>
 * curl http://127.0.0.1:3000/crm_get_webhook -H 'api_key: ck_...' -H 'api_secret: cs_...'
 * # {"status":true,"data":{"webhook":"https://hooks.example.com/in","webhook_pass":null,"webhook_login":null}}
 * </pre>
 */
public final class GetWebhookHandler
    implements RequestStreamHandler, RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
        Resource {
  public static final String ROUTE = "GET /crm_get_webhook";

  private final CollectionStore store;
  private final MetricsNamespace namespace;

  /**
   * The Lambda entry point: table, client and metrics namespace from the environment ({@link FunctionEnvironment}),
   * built once per execution environment, and
   * registered for SnapStart priming ({@link #beforeCheckpoint}).
   */
  public GetWebhookHandler() {
    this(FunctionEnvironment.current());
    Core.getGlobalContext().register(this);
  }

  private GetWebhookHandler(FunctionEnvironment environment) {
    this(CollectionStore.forFunction(environment.store()), environment.metricsNamespace());
  }

  /** A handler on {@code store}, its metrics in the default namespace (local runs, tests). */
  public GetWebhookHandler(CollectionStore store) {
    this(store, MetricsNamespace.DEFAULT);
  }

  public GetWebhookHandler(CollectionStore store, MetricsNamespace namespace) {
    this.store = store;
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
    ApiCall.handle(ROUTE, namespace, input, output, context, this::read);
  }

  /** The same request as an event object (tests, local tools, the bench's raw comparison). */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return ApiCall.handle(ROUTE, namespace, event, context, this::read);
  }

  private APIGatewayProxyResponseEvent read(APIGatewayProxyRequestEvent event, RequestLog log) {
    Credentials credentials = CredentialHeaders.require(event);
    if (!credentials.keyIsWellFormed()) {
      throw new ClientError(ErrorMessages.CREDENTIALS_INVALID);
    }
    WebhookSettings settings =
        store.readWebhook(credentials, log).orElseThrow(() -> new ClientError(ErrorMessages.CREDENTIALS_INVALID));
    return ApiResponses.webhook(settings);
  }

  /** SnapStart: before the snapshot, runs one request through the whole path ({@link SnapStartPriming}). */
  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    SnapStartPriming.primeGet(this);
  }

  /** SnapStart: nothing to redo after a restore (credentials are fetched per call, nothing random was made). */
  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {}
}
