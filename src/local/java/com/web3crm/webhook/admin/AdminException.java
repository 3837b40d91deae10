package com.web3crm.webhook.admin;

/**
 * An operation failed for a reason the operator can act on (unknown key, refused create, DynamoDB unreachable,
 * missing configuration). The message is printed as is: it never contains a secret or a hash.
 */
public final class AdminException extends Exception {
  private static final long serialVersionUID = 1L;

  public AdminException(String message) {
    super(message);
  }

  public AdminException(String message, Throwable cause) {
    super(message, cause);
  }
}
