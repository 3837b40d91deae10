package com.web3crm.webhook.bench.harness;

/** The floor of bin/bench: a fresh JVM that runs an empty {@code main()} (same java binary, flags and env). */
public final class EmptyMain {
  private EmptyMain() {}

  public static void main(String[] args) {}
}
