package com.web3crm.webhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.web3crm.webhook.api.ApiResponses;
import com.web3crm.webhook.api.ClientError;
import com.web3crm.webhook.api.RequestLog;
import com.web3crm.webhook.store.StoreException;
import java.util.function.Function;

/**
 * The frame around both routes: runs a route's work, turns every outcome into a response (client errors →
 * 400, store outages → 503, anything else → 500), writes the request's log line, and never lets anything
 * escape to the Lambda runtime.
 */
final class ApiCall {
  private ApiCall() {}

  static APIGatewayProxyResponseEvent handle(
      String route,
      APIGatewayProxyRequestEvent event,
      Context context,
      Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> work) {
    long start = System.nanoTime();
    APIGatewayProxyResponseEvent response;
    String reason = null;
    try {
      response = work.apply(event);
    } catch (ClientError e) {
      response = ApiResponses.clientError(e);
      reason = RequestLog.reasonOf(e);
    } catch (StoreException e) {
      response = ApiResponses.internalError(e.unavailable(), RequestLog.requestId(context));
      reason = e.getMessage();
    } catch (Throwable e) { // NOPMD: the contract forbids anything escaping to the runtime
      response = ApiResponses.internalError(false, RequestLog.requestId(context));
      reason = "unexpected " + e.getClass().getName();
    }
    try {
      RequestLog.write(context, route, response.getStatusCode(), reason, start);
    } catch (Throwable e) { // NOPMD: a broken logger must not turn an answer into a runtime error
      // nothing to do: the answer stands
    }
    return response;
  }
}
