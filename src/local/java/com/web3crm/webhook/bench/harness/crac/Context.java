package com.web3crm.webhook.bench.harness.crac;

/** A group of resources that is itself a resource ({@code org.crac.Context}'s counterpart, looked up by name). */
public abstract class Context<R extends Resource> implements Resource {
  protected Context() {}

  public abstract void register(R resource);
}
