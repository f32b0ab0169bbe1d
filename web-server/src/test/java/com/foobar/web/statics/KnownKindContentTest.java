package com.foobar.web.statics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownKindContentTest {
  @TempDir Path site;

  @Test
  void answersIsDirectoryFromWhenTheContentWasReadNotFromTheDiskEachTime() throws Exception {
    Path guide = Files.writeString(site.resolve("guide"), "a file\n");
    try (ResourceFactory.Closeable resources = ResourceFactory.closeable()) {
      HttpContent.Factory files =
          KnownKindContent.over(
              new ResourceHttpContentFactory(
                  resources.newResource(site),
                  MimeTypes.DEFAULTS,
                  ByteBufferPool.SIZED_NON_POOLING));
      HttpContent content = files.getContent("/guide");
      assertThat(content.getResource().isDirectory()).isFalse();

      Files.delete(guide);
      Files.createDirectory(guide);
      // The disk says directory now; the content, as the cache holds it until it looks again, not:
      // that answer is the stat(2) per request the wrapper saves.
      assertThat(resources.newResource(guide).isDirectory()).isTrue();
      assertThat(content.getResource().isDirectory()).isFalse();
      assertThat(files.getContent("/guide").getResource().isDirectory())
          .as("read again, as the cache does once a second")
          .isTrue();
    }
  }
}
