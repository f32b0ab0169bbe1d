package com.foobar.web.headers;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The headers every response of the front tier carries, as a hardened nginx adds them: no MIME
 * sniffing, no referrer beyond our origin, no framing, a content security policy that allows only
 * our own scripts, styles and images (the site has no inline code), and HSTS on HTTPS. Fields are
 * encoded once, so each response only links them in.
 */
public final class SecurityHeaders extends Handler.Wrapper {
  static final String SITE_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  private static final PreEncodedHttpField NOSNIFF =
      new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  private static final PreEncodedHttpField REFERRER =
      new PreEncodedHttpField("Referrer-Policy", "strict-origin-when-cross-origin");
  private static final PreEncodedHttpField FRAMES =
      new PreEncodedHttpField("X-Frame-Options", "DENY");
  private static final PreEncodedHttpField CSP =
      new PreEncodedHttpField("Content-Security-Policy", SITE_POLICY);
  private static final PreEncodedHttpField HSTS =
      new PreEncodedHttpField("Strict-Transport-Security", "max-age=31536000; includeSubDomains");

  public SecurityHeaders(Handler next) {
    super(next);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    addTo(request, response.getHeaders());
    return super.handle(request, response, callback);
  }

  /**
   * Puts the headers on a response; also for the errors Jetty answers before any handler runs (a
   * malformed request, a header or URI over its limit), whose error page is made by the server's
   * error handler.
   */
  public static void addTo(Request request, HttpFields.Mutable headers) {
    headers.put(NOSNIFF);
    headers.put(REFERRER);
    headers.put(FRAMES);
    headers.put(CSP);
    if (request.isSecure()) {
      headers.put(HSTS);
    }
  }
}
