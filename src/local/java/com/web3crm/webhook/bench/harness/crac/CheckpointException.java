package com.web3crm.webhook.bench.harness.crac;

/** A {@code beforeCheckpoint} hook failed; the failures are attached as suppressed exceptions. */
public class CheckpointException extends Exception {
  private static final long serialVersionUID = 1L;

  public CheckpointException() {
    super("a beforeCheckpoint hook failed");
  }
}
