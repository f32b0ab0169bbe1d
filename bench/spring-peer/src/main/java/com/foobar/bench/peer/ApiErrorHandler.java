package com.foobar.bench.peer;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers an {@link ApiError} with its status and our store's JSON error body. */
@RestControllerAdvice
public class ApiErrorHandler {
  @ExceptionHandler(ApiError.class)
  public ResponseEntity<ApiError.ErrorBody> refused(ApiError error) {
    return ResponseEntity.status(error.status())
        .cacheControl(CacheControl.noStore())
        .body(error.body());
  }
}
