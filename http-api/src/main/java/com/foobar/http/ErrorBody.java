package com.foobar.http;

/** Every API error looks like {"error":{"code":"...","message":"...","field":null}}. */
public record ErrorBody(Error error) {
  public record Error(String code, String message, String field) {}
}
