package com.web3crm.webhook.bench.harness.crac;

/** A checkpoint/restore participant ({@code org.crac.Resource}'s counterpart, looked up by name). */
public interface Resource {
  void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

  void afterRestore(Context<? extends Resource> context) throws Exception;
}
