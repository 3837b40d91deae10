package com.web3crm.webhook.api;

/**
 * A request the contract answers with {@code 400 {"status": false, "message": ..., "detail": ...}}.
 *
 * <p>{@link #message()} is one of the platform's fixed phrases ({@link ErrorMessages}); {@link #detail()} says
 * why, in words a client can act on. Neither may contain a secret or raw body text: callers pass
 * descriptions of the problem, never the offending secret value.
 *
 * <p>Thrown by the parsing and validation code and turned into a response in exactly one place
 * ({@link ApiResponses#clientError}). It carries no stack trace: it is an answer, not a fault.
 */
public final class ClientError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String detail;

  public ClientError(String message, String detail) {
    super(message, null, false, false);
    this.detail = detail;
  }

  public ClientError(String message) {
    this(message, null);
  }

  /** The platform's phrase, for the {@code message} field. */
  public String message() {
    return getMessage();
  }

  /** Why, for the optional {@code detail} field; may be null. */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "ClientError[" + getMessage() + (detail == null ? "" : ": " + detail) + "]";
  }
}
