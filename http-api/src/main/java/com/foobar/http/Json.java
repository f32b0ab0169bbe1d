package com.foobar.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** JSON in and out of the API: strict parsing, size-limited bodies, uniform responses. */
public final class Json {
  /** Orders are a few dozen bytes; anything near this is not a legitimate request. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  /** A too-large body up to this size is read and dropped so the client gets its 413 cleanly. */
  private static final long MAX_DRAINED_BYTES = 1024 * 1024;

  /** The Content-Type of every API answer. */
  public static final String CONTENT_TYPE = "application/json;charset=utf-8";

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // One JSON value per body: "{...} trailing" is not an order.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .serializationInclusion(JsonInclude.Include.ALWAYS)
          .build();

  /** Writes {@code body} as the response with {@code status}; API answers are never cached. */
  public void write(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = bytes(body);
    response.setStatus(status);
    response.setContentType(CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** {@code body} as JSON; our own records always serialize. */
  public byte[] bytes(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  public void writeError(HttpServletResponse response, ApiException error) throws IOException {
    write(response, error.status(), error.body());
  }

  /**
   * Reads the request body as one JSON value: 415 unless it is declared as JSON, 413 when it is
   * larger than {@link #MAX_BODY_BYTES}, 400 when it does not parse.
   */
  public JsonNode readBody(HttpServletRequest request) throws ApiException, IOException {
    String type = request.getContentType();
    if (type == null
        || !type.toLowerCase(Locale.ROOT).split(";", 2)[0].strip().equals("application/json")) {
      throw new ApiException(
          415, "unsupported_media_type", "the body must be application/json", null);
    }
    if (request.getContentLengthLong() > MAX_DRAINED_BYTES) {
      throw tooLarge(); // not worth reading: Jetty closes the connection after the answer
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        drain(in);
        throw tooLarge();
      }
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new ApiException(400, "invalid_json", "the body is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "invalid_json", describe(e), null);
    }
  }

  /**
   * Reads and drops the rest of a body too large to accept, up to {@link #MAX_DRAINED_BYTES}.
   * Answering before the client has sent it all would make Jetty close the connection with unread
   * bytes, which resets it: the client then sees a broken pipe instead of the 413.
   */
  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; total < MAX_DRAINED_BYTES && (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
  }

  /**
   * Where the JSON broke, without the parser's own wording (it quotes the input back and names
   * internals).
   */
  private static String describe(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    if (original.startsWith("Duplicate field ")) {
      return "duplicate field " + original.substring("Duplicate field ".length());
    }
    JsonLocation where = e.getLocation();
    return where == null || where.getLineNr() < 1
        ? "the body is not valid JSON"
        : "the body is not valid JSON (line "
            + where.getLineNr()
            + ", column "
            + where.getColumnNr()
            + ")";
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes", null);
  }
}
