package com.foobar.web.acme;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The ACME HTTP-01 challenges this web tier answers now (RFC 8555 §8.3): each token with its key
 * authorization, published for the duration of an order and withdrawn after it.
 */
public final class Http01Challenges {
  /** A token is base64url without padding (RFC 8555 §8.1): nothing else is ever looked up. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private final Map<String, String> authorizations = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException for a token that is not base64url
   */
  public void publish(String token, String keyAuthorization) {
    if (!TOKEN.matcher(token).matches()) {
      throw new IllegalArgumentException("ACME token '" + token + "' is not base64url");
    }
    authorizations.put(token, keyAuthorization);
  }

  public void withdraw(String token) {
    authorizations.remove(token);
  }

  /** The key authorization for {@code token}, if it is published. */
  Optional<String> answer(String token) {
    return TOKEN.matcher(token).matches()
        ? Optional.ofNullable(authorizations.get(token))
        : Optional.empty();
  }
}
