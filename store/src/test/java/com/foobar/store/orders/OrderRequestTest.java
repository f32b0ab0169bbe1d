package com.foobar.store.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.foobar.http.ApiException;
import com.foobar.http.ErrorBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderRequestTest {
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void acceptsAValidOrder() throws Exception {
    assertThat(parse("{\"sku\":\"FB-MUG\",\"quantity\":1000,\"email\":\"ada@example.co.uk\"}"))
        .isEqualTo(new OrderRequest("FB-MUG", 1000, "ada@example.co.uk"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a@b.co", "first.last+tag@sub.example.com", "x@y.z"})
  void acceptsPlainAddresses(String email) throws Exception {
    assertThat(parse(order(email)).email()).isEqualTo(email);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a", "a@b", "@b.co", "a@.co", "a@b.", "a@@b.co", "a b@c.de", "a@b.c\u0000"})
  void refusesAddressesThatAreNotLikeXAtYDotZ(String email) {
    assertThat(refusal(order(email)).error())
        .isEqualTo(
            new ErrorBody.Error(
                "invalid_field",
                "email must be an address like name@example.com, at most 254 characters",
                "email"));
  }

  @Test
  void reportsUnknownFieldsBeforeMissingOnes() {
    assertThat(refusal("{\"coupon\":1}").error().field()).isEqualTo("coupon");
  }

  @Test
  void refusesASkuLongerThanTheColumn() {
    String sku = "S".repeat(65);
    assertThat(refusal("{\"sku\":\"" + sku + "\",\"quantity\":1,\"email\":\"a@b.co\"}").error())
        .isEqualTo(new ErrorBody.Error("invalid_field", "sku must be 1 to 64 characters", "sku"));
  }

  private static String order(String email) {
    return "{\"sku\":\"FB-MUG\",\"quantity\":1,\"email\":\""
        + email.replace("\u0000", "\\u0000")
        + "\"}";
  }

  private OrderRequest parse(String json) throws Exception {
    return OrderRequest.parse(mapper.readTree(json));
  }

  private ErrorBody refusal(String json) {
    JsonNode body;
    try {
      body = mapper.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    ApiException refused = catchThrowableOfType(ApiException.class, () -> OrderRequest.parse(body));
    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.status()).isEqualTo(400);
    return refused.body();
  }
}
