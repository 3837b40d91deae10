package com.web3crm.webhook.admin;

/** The command line is wrong (exit code 2). The message is printed before the usage text. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
