package com.foobar.app.http;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before or around the servlets (a request line it cannot parse, an
 * ambiguous path, headers too large): the same JSON error body as the API, never Jetty's HTML page
 * or the exception's message.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private final Json json;

  public JsonErrorHandler(Json json) {
    this.json = json;
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause) {
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    headers.put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body(code)), callback);
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    return ByteBuffer.wrap(body(status));
  }

  private byte[] body(int status) {
    return json.bytes(forStatus(status).body());
  }

  /** Jetty's own message can name internals; the client gets a fixed one per status. */
  static ApiException forStatus(int status) {
    return switch (status) {
      case 404 -> ApiException.notFound("no such resource");
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
}
