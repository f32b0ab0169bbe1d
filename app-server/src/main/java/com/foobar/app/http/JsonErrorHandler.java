package com.foobar.app.http;

import com.foobar.http.ApiException;
import com.foobar.http.Json;
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
    return json.bytes(ApiException.forStatus(status).body());
  }
}
