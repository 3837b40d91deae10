package com.web3crm.webhook.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.web3crm.webhook.api.ClientError;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: the ClientError a call throws (failing the test if it throws nothing or something else). */
final class ClientErrors {
  private ClientErrors() {}

  static ClientError thrownBy(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(ClientError.class);
    return (ClientError) thrown;
  }
}
