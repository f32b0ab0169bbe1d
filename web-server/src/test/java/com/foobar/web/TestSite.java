package com.foobar.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The least of a site the tier serves: an index page and the 404 page, in a webroot of its own. */
final class TestSite {
  static final String INDEX = "<!doctype html><title>foobar</title>\n";
  static final String NOT_FOUND = "<!doctype html><title>404</title>\n";

  private TestSite() {}

  /**
   * {@code dir/webroot} with index.html and 404.html: the rest of {@code dir} is outside the
   * webroot, for files the tier must never serve.
   */
  static Path in(Path dir) throws IOException {
    Path root = Files.createDirectories(dir.resolve("webroot"));
    Files.writeString(root.resolve("index.html"), INDEX);
    Files.writeString(root.resolve("404.html"), NOT_FOUND);
    return root;
  }
}
