package com.foobar.http;

/** A request the API refuses, with the status and the error body the client gets. */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;

  public ApiException(int status, String code, String message, String field) {
    super(message, null, false, false); // control flow, not a fault: no stack trace
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiException invalidField(String field, String message) {
    return new ApiException(400, "invalid_field", message, field);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, null);
  }

  /**
   * The answer for an error status the container produced (a request it cannot parse, a path it
   * refuses): a fixed message per status, since the container's own can name internals.
   */
  public static ApiException forStatus(int status) {
    return switch (status) {
      case 404 -> notFound("no such resource");
      case 405 -> new ApiException(405, "method_not_allowed", "method not allowed here", null);
      case 413 -> new ApiException(413, "payload_too_large", "the request is too large", null);
      case 414 -> new ApiException(414, "uri_too_long", "the request URI is too long", null);
      case 431 ->
          new ApiException(431, "headers_too_large", "the request headers are too large", null);
      case 503 -> new ApiException(503, "unavailable", "the server is not available", null);
      default ->
          status >= 500
              ? new ApiException(status, "internal_error", "internal server error", null)
              : new ApiException(status, "bad_request", "the request is malformed", null);
    };
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  public ErrorBody body() {
    return new ErrorBody(new ErrorBody.Error(code, getMessage(), field));
  }
}
