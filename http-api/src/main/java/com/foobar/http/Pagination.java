package com.foobar.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset pagination for lists: {@code ?limit=N} (1 to a maximum) and an opaque {@code ?cursor=}
 * from the previous page's {@code Link: <…>; rel="next"} header (RFC 8288, as GitHub's API does),
 * so a list body stays a plain JSON array.
 */
public final class Pagination {
  private Pagination() {}

  /**
   * @throws ApiException 400 naming {@code limit} when it is not a whole number in range
   */
  public static int limit(HttpServletRequest request, int defaultLimit, int max)
      throws ApiException {
    String text = request.getParameter("limit");
    if (text == null) {
      return defaultLimit;
    }
    if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
      throw ApiException.invalidField("limit", "limit must be a whole number from 1 to " + max);
    }
    return Integer.parseInt(text);
  }

  /**
   * The position the cursor stands for, or null on the first page.
   *
   * @throws ApiException 400 naming {@code cursor} when it was not made by us
   */
  public static String cursor(HttpServletRequest request) throws ApiException {
    String text = request.getParameter("cursor");
    if (text == null) {
      return null;
    }
    try {
      String position = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      if (position.isEmpty() || position.length() > 64) {
        throw new IllegalArgumentException("out of range");
      }
      return position;
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("cursor", "cursor is not one this API gave out");
    }
  }

  /** Points to the page after {@code lastPosition}, keeping the request's other parameters. */
  public static void next(
      HttpServletRequest request, HttpServletResponse response, String lastPosition, int limit) {
    String cursor =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(lastPosition.getBytes(StandardCharsets.UTF_8));
    StringBuilder url = new StringBuilder(request.getRequestURI()).append('?');
    String email = request.getParameter("email");
    if (email != null) {
      url.append("email=").append(URLEncoder.encode(email, StandardCharsets.UTF_8)).append('&');
    }
    url.append("limit=").append(limit).append("&cursor=").append(cursor);
    response.setHeader("Link", "<" + url + ">; rel=\"next\"");
  }
}
