package com.foobar.web.statics;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;

/**
 * A file is only read: another method than GET or HEAD on one that exists is 405 with {@code Allow:
 * GET, HEAD} (RFC 9110, and what nginx answers), not the 404 ResourceHandler would leave behind; on
 * a path with nothing there it is still 404.
 */
final class ReadOnlyMethods extends org.eclipse.jetty.server.Handler.Wrapper {
  private final ResourceHandler files;

  ReadOnlyMethods(ResourceHandler files) {
    super(files);
    this.files = files;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method) || !servable(request)) {
      return super.handle(request, response, callback);
    }
    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
    Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
    return true;
  }

  /** A file, or a directory with its index.html; never an alias (a symlink out of the root). */
  private boolean servable(Request request) {
    Resource resource = files.getBaseResource().resolve(Request.getPathInContext(request));
    if (resource == null || !resource.exists() || resource.isAlias()) {
      return false;
    }
    if (!resource.isDirectory()) {
      return true;
    }
    Resource index = resource.resolve("index.html");
    return index != null && index.exists() && !index.isAlias();
  }
}
