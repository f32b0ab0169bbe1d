package com.foobar.web.acme;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code GET /.well-known/acme-challenge/<token>} for the published tokens, in front of
 * everything else: before the redirect to HTTPS and to the canonical host, which a CA validating on
 * port 80 must not be sent through (RFC 8555 §8.3 lets it follow redirects, but a first certificate
 * has no HTTPS to be redirected to). Other paths, and tokens not published here (a file an operator
 * put under the webroot), go on to the site.
 */
public final class Http01Responder extends Handler.Wrapper {
  static final String PREFIX = "/.well-known/acme-challenge/";

  private final Http01Challenges challenges;

  public Http01Responder(Handler next, Http01Challenges challenges) {
    super(next);
    this.challenges = challenges;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.startsWith(PREFIX) && (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method))) {
      Optional<String> answer = challenges.answer(path.substring(PREFIX.length()));
      if (answer.isPresent()) {
        byte[] body = answer.get().getBytes(StandardCharsets.US_ASCII);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(
            true,
            HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body),
            callback);
        return true;
      }
    }
    return super.handle(request, response, callback);
  }
}
