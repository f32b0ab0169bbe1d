package com.foobar.bench.peer;

import org.springframework.http.HttpStatus;

/** A request the API refuses, with the status and the error body our store gives for it. */
public class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiError(HttpStatus status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiError notFound(String message, String field) {
    return new ApiError(HttpStatus.NOT_FOUND, "not_found", message, field);
  }

  public static ApiError invalidField(String field, String message) {
    return new ApiError(HttpStatus.BAD_REQUEST, "invalid_field", message, field);
  }

  public HttpStatus status() {
    return status;
  }

  /** {"error":{"code":"...","message":"...","field":null}}, as our store's ErrorBody. */
  public ErrorBody body() {
    return new ErrorBody(new ErrorBody.Error(code, getMessage(), field));
  }

  public record ErrorBody(Error error) {
    public record Error(String code, String message, String field) {}
  }
}
