package com.foobar.app.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .serializationInclusion(JsonInclude.Include.ALWAYS)
          .build();

  /** Writes {@code body} as the response with {@code status}; API answers are never cached. */
  public void write(HttpServletResponse response, int status, Object body) throws IOException {
    byte[] bytes = mapper.writeValueAsBytes(body);
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("utf-8");
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
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
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new ApiException(400, "invalid_json", "the body is empty", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage(), null);
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(
        413, "payload_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes", null);
  }
}
