package com.web3crm.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.api.ApiResponses;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.MetricsNamespace;
import com.web3crm.webhook.api.ProxyEventJson;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.BiFunction;

/**
 * The frame around both routes: runs a route's work, turns every outcome into a response (client errors →
 * 400, store outages → 503, anything else → 500), writes the request's log line, and never lets anything
 * escape to the Lambda runtime.
 */
final class ApiCall {
  private ApiCall() {}

  /**
   * @param namespace where the request log line's metrics go
   * @param work the route: answers the event, and hands the {@link RequestLog} to the store, which records its
   *     DynamoDB call and the collection the credentials belong to
   */
  static APIGatewayProxyResponseEvent handle(
      String route,
      MetricsNamespace namespace,
      APIGatewayProxyRequestEvent event,
      Context context,
      BiFunction<APIGatewayProxyRequestEvent, RequestLog, APIGatewayProxyResponseEvent> work) {
    return run(route, namespace, null, event, context, work);
  }

  /**
   * The Lambda entry: the event's JSON bytes in, the response's out ({@link ProxyEventJson}). An event that is not
   * a proxy event (never sent by API Gateway) is answered 500 like any other fault, and logged.
   *
   * @throws IOException only when {@code output} cannot be written
   */
  static void handle(
      String route,
      MetricsNamespace namespace,
      InputStream input,
      OutputStream output,
      Context context,
      BiFunction<APIGatewayProxyRequestEvent, RequestLog, APIGatewayProxyResponseEvent> work)
      throws IOException {
    ProxyEventJson.write(run(route, namespace, input, null, context, work), output);
  }

  /** One request from {@code input} (read here, inside the frame) or, when that is null, from {@code event}. */
  private static APIGatewayProxyResponseEvent run(
      String route,
      MetricsNamespace namespace,
      InputStream input,
      APIGatewayProxyRequestEvent event,
      Context context,
      BiFunction<APIGatewayProxyRequestEvent, RequestLog, APIGatewayProxyResponseEvent> work) {
    long start = System.nanoTime();
    RequestLog log = new RequestLog(namespace, start);
    String requestId = null;
    APIGatewayProxyResponseEvent response;
    String reason = null;
    try {
      requestId = RequestLog.requestId(context); // once: the same id in a 5xx body and in the log line
      response = work.apply(input == null ? event : ProxyEventJson.read(input), log);
    } catch (ClientError e) {
      response = ApiResponses.clientError(e);
      reason = RequestLog.reasonOf(e);
    } catch (StoreException e) {
      response = ApiResponses.internalError(e.unavailable(), requestId == null ? "unknown" : requestId);
      reason = e.getMessage();
    } catch (ProxyEventJson.MalformedEvent e) {
      response = ApiResponses.internalError(false, requestId == null ? "unknown" : requestId);
      reason = "event not readable: " + e.getMessage();
    } catch (Throwable e) { // NOPMD: the contract forbids anything escaping to the runtime
      response = ApiResponses.internalError(false, requestId == null ? "unknown" : requestId);
      reason = "unexpected " + e.getClass().getName();
    }
    try {
      log.write(context, route, requestId == null ? "unknown" : requestId, response.getStatusCode(), reason);
    } catch (Throwable e) { // NOPMD: a broken logger must not turn an answer into a runtime error
      // nothing to do: the answer stands
    }
    return response;
  }
}
