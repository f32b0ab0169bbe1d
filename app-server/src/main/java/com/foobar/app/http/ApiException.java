package com.foobar.app.http;

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
