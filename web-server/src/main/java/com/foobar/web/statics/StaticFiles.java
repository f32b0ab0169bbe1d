package com.foobar.web.statics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.CompressedContentFormat;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.content.FileMappingHttpContentFactory;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.PreCompressedHttpContentFactory;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.http.content.ValidatingCachingHttpContentFactory;
import org.eclipse.jetty.http.content.VirtualHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The static site, served by Jetty's ResourceHandler the way nginx serves a root: index.html as the
 * welcome file, no directory listings, ETags for conditional requests, ranges, text types labelled
 * UTF-8, and precompressed {@code .br}/{@code .gz} siblings served to clients that accept them
 * (nginx's {@code brotli_static}/{@code gzip_static}).
 */
public final class StaticFiles {
  private static final long CACHE_CHECK_MS = 1000; // Jetty's: a changed file shows within 1 s

  private StaticFiles() {}

  /** The site at the root context; its MIME table labels text as UTF-8. */
  public static ContextHandler handler(Path webRoot, ResourceFactory resources) {
    if (!Files.isDirectory(webRoot)) {
      throw new IllegalArgumentException("web: webroot " + webRoot + " is not a directory");
    }
    ResourceHandler handler =
        new ResourceHandler() {
          @Override
          protected ResourceService newResourceService() {
            return new PermanentDirectoryRedirects();
          }

          /**
           * Jetty's own chain (ResourceHandler.newHttpContentFactory, 12.1.12: compare it on an
           * upgrade), with each file's kind known below the cache.
           */
          @Override
          protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized buffers) {
            HttpContent.Factory files =
                new ResourceHttpContentFactory(getBaseResource(), getMimeTypes(), buffers);
            if (getMinMappedFileSize() != 0) {
              files =
                  new FileMappingHttpContentFactory(
                      files, getMinMappedFileSize(), getMaxMappedFileSize());
            }
            files = KnownKindContent.over(files);
            files = new VirtualHttpContentFactory(files, getStyleSheet(), "text/css", buffers);
            files = new PreCompressedHttpContentFactory(files, getPrecompressedFormats());
            return new ValidatingCachingHttpContentFactory(files, CACHE_CHECK_MS, buffers);
          }
        };
    // The real path: Jetty takes a file reached through a symbolic link for an alias and answers
    // 404, so a root that is itself a link (/srv/site -> releases/42, a shared package's webroot)
    // would serve nothing. Links inside the root stay refused: they could lead out of it.
    handler.setBaseResource(resources.newResource(realPath(webRoot)));
    handler.setWelcomeFiles(List.of("index.html"));
    handler.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
    handler.setDirAllowed(false); // Jetty's default lists directories
    handler.setEtags(true); // and leaves ETags off
    handler.setAcceptRanges(true);
    handler.setPrecompressedFormats(
        List.of(CompressedContentFormat.BR, CompressedContentFormat.GZIP));
    ContextHandler context = new ContextHandler(new ReadOnlyMethods(handler), "/");
    // ResourceHandler takes its MIME types from its context when it starts.
    MimeTypes.Mutable types = context.getMimeTypes();
    for (String[] mapping :
        new String[][] {
          {"html", "text/html;charset=utf-8"},
          {"css", "text/css;charset=utf-8"},
          {"js", "text/javascript;charset=utf-8"},
          {"mjs", "text/javascript;charset=utf-8"},
          {"txt", "text/plain;charset=utf-8"},
          {"md", "text/markdown;charset=utf-8"},
          {"csv", "text/csv;charset=utf-8"},
          {"xml", "application/xml;charset=utf-8"},
          {"svg", "image/svg+xml"},
          {"json", "application/json"},
          {"map", "application/json"},
          {"webmanifest", "application/manifest+json"},
          {"wasm", "application/wasm"},
          {"webp", "image/webp"},
          {"avif", "image/avif"},
          {"woff2", "font/woff2"},
          {"woff", "font/woff"},
          {"ico", "image/x-icon"}
        }) {
      types.addMimeMapping(mapping[0], mapping[1]);
    }
    return context;
  }

  private static Path realPath(Path webRoot) {
    try {
      return webRoot.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("web: webroot " + webRoot + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code /docs} to {@code /docs/} with 301, as nginx answers it, where Jetty sends 302: the
   * directory will not move, so browsers and crawlers may remember it.
   */
  private static final class PermanentDirectoryRedirects extends ResourceService {
    @Override
    protected void sendRedirect(
        Request request, Response response, Callback callback, String target) {
      Response.sendRedirect(
          request, response, callback, HttpStatus.MOVED_PERMANENTLY_301, target, false);
    }
  }
}
