package com.web3crm.webhook.bench.harness.crac;

/** An {@code afterRestore} hook failed; the failures are attached as suppressed exceptions. */
public class RestoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public RestoreException() {
    super("an afterRestore hook failed");
  }
}
