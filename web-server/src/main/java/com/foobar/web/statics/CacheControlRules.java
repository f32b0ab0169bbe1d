package com.foobar.web.statics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code Cache-Control} per path pattern, like nginx's {@code location ~* \.css$ { expires … }}:
 * the first rule whose pattern matches the request path sets the header. Patterns are {@code *.ext}
 * (a suffix), {@code /dir/*} (a prefix) or an exact path.
 *
 * <p>Written as {@code pattern pattern: value; pattern: value}, e.g. {@code *.html /: no-cache;
 * *.css *.js *.svg: public, max-age=3600}.
 */
public final class CacheControlRules extends Handler.Wrapper {
  /** HTML revalidated every time (its ETag makes that a 304), assets cached for an hour. */
  public static final String DEFAULT =
      "*.html /: no-cache; *.css *.js *.svg *.png *.ico *.woff2: public, max-age=3600";

  private record Rule(String pattern, String value) {
    /** {@code path} already lower-cased, as the patterns are. */
    boolean matches(String path) {
      if (pattern.startsWith("*")) {
        int suffix = pattern.length() - 1; // "*.css" -> ".css", compared in place
        return path.regionMatches(path.length() - suffix, pattern, 1, suffix);
      }
      if (pattern.endsWith("/*")) {
        return path.regionMatches(0, pattern, 0, pattern.length() - 1);
      }
      return path.equals(pattern);
    }
  }

  private final List<Rule> rules;

  /**
   * @throws IllegalArgumentException if the rules are malformed (the message says where)
   */
  public CacheControlRules(Handler next, String rules) {
    super(next);
    this.rules = parse(rules);
  }

  /** The first matching rule's value for a lower-cased path; null when none matches. */
  String valueFor(String path) {
    for (Rule rule : rules) {
      if (rule.matches(path)) {
        return rule.value();
      }
    }
    // A directory is served as its index.html, so its rules apply (as after nginx's internal
    // redirect to the index): /docs/ is revalidated like the page it is.
    return path.endsWith("/") ? valueFor(path + "index.html") : null;
  }

  static List<Rule> parse(String text) {
    List<Rule> rules = new ArrayList<>();
    for (String part : text.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int colon = part.indexOf(':');
      if (colon < 0 || part.substring(0, colon).isBlank() || part.substring(colon + 1).isBlank()) {
        throw new IllegalArgumentException(
            "cache rule '" + part.strip() + "' is not 'pattern ...: Cache-Control value'");
      }
      String value = part.substring(colon + 1).strip();
      if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
        throw new IllegalArgumentException(
            "cache rule '" + part.strip() + "' has control characters");
      }
      for (String pattern : part.substring(0, colon).strip().split("\\s+")) {
        if (!pattern.startsWith("*.") && !pattern.startsWith("/")) {
          throw new IllegalArgumentException(
              "cache rule pattern '" + pattern + "' is neither *.ext nor a /path");
        }
        rules.add(new Rule(pattern.toLowerCase(Locale.ROOT), value));
      }
    }
    return List.copyOf(rules);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getCanonicalPath();
    String value = path == null ? null : valueFor(path.toLowerCase(Locale.ROOT));
    if (value != null) {
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, value);
    }
    return super.handle(request, response, callback);
  }
}
