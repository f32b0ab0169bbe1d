package com.foobar.web.accesslog;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The NCSA combined line, nginx's and Apache's default, written straight into a {@link LineBuffer}:
 * {@code 127.0.0.1 - - [03/Dec/2026:11:36:18 +0000] "GET /index.html HTTP/1.1" 200 2048 "-"
 * "curl/8.0"}. Times are UTC. Per request it allocates nothing: the time stamp is formatted once a
 * second and a client's address once while it stays in a small cache.
 *
 * <p>The caches are shared by every thread without a lock: each slot holds an immutable entry, so a
 * thread sees either a whole old entry or a whole new one, and a miss only costs a format.
 */
final class CombinedFormat {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z'] '", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final byte[] NO_USER = ascii(" - - ");
  private static final byte[] QUOTE_SPACE = ascii("\" ");
  private static final byte[] SPACE_QUOTE = ascii(" \"");
  private static final byte[] QUOTE_SPACE_QUOTE = ascii("\" \"");
  private static final byte[] QUOTE_NEWLINE = ascii("\"\n");
  private static final int ADDRESS_SLOTS = 64; // a power of two

  private record Stamp(long second, byte[] text) {}

  private record Client(InetAddress address, byte[] text) {}

  private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, new byte[0]);
  private final Client[] clients = new Client[ADDRESS_SLOTS];

  void append(LineBuffer out, Request request, Response response) {
    client(out, request.getConnectionMetaData().getRemoteSocketAddress());
    out.literal(NO_USER).literal(stamp(Request.getTimeStamp(request)));
    HttpURI uri = request.getHttpURI();
    out.literal('"').value(request.getMethod()).literal(' ').value(uri.getPath());
    String query = uri.getQuery();
    if (query != null) {
      // The path and the query apart: HttpURI.getPathQuery() concatenates a new string.
      out.literal('?');
      if (!query.isEmpty()) {
        out.value(query);
      }
    }
    out.literal(' ').value(request.getConnectionMetaData().getProtocol()).literal(QUOTE_SPACE);
    out.number(response.getStatus()).literal(' ');
    out.number(Response.getContentBytesWritten(response)).literal(SPACE_QUOTE);
    out.headerValue(request.getHeaders().get(HttpHeader.REFERER)).literal(QUOTE_SPACE_QUOTE);
    out.headerValue(request.getHeaders().get(HttpHeader.USER_AGENT)).literal(QUOTE_NEWLINE);
  }

  private void client(LineBuffer out, SocketAddress remote) {
    if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
      out.value(remote == null ? null : remote.toString());
      return;
    }
    InetAddress address = socket.getAddress();
    int slot = address.hashCode() & (ADDRESS_SLOTS - 1);
    Client cached = clients[slot];
    if (cached == null || !cached.address().equals(address)) {
      cached = new Client(address, escaped(address.getHostAddress()));
      clients[slot] = cached;
    }
    out.literal(cached.text());
  }

  private byte[] stamp(long millis) {
    long second = Math.floorDiv(millis, 1000);
    Stamp current = stamp;
    if (current.second() != second) {
      current = new Stamp(second, ascii(STAMP.format(Instant.ofEpochSecond(second))));
      stamp = current;
    }
    return current.text();
  }

  private static byte[] ascii(String literal) {
    return literal.getBytes(StandardCharsets.US_ASCII);
  }

  /** A value escaped as the log writes it, so that a cached one can be copied as it is. */
  private static byte[] escaped(String value) {
    return ascii(new LineBuffer(value.length() + 8).value(value).drain());
  }
}
