package com.foobar.store.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.foobar.http.ApiException;
import com.foobar.http.ErrorBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdempotencyKeysTest {
  private static final OrderRequest FIRST = new OrderRequest("FB-MUG", 3, "ada@example.com");

  @Test
  void aRepeatNamingTheSkuInAnotherCaseIsTheSameRequest() {
    assertThatNoException()
        .isThrownBy(
            () ->
                IdempotencyKeys.requireSameRequest(
                    "k", FIRST, new OrderRequest("fb-mug", 3, "ada@example.com")));
  }

  @ParameterizedTest
  @CsvSource({
    "FB-TEE, 3, ada@example.com",
    "FB-MUG, 4, ada@example.com",
    "FB-MUG, 3, Ada@example.com"
  })
  void anyOtherDifferenceIsAnotherOrder(String sku, int quantity, String email) {
    OrderRequest again = new OrderRequest(sku, quantity, email);

    ApiException refused =
        catchThrowableOfType(
            ApiException.class, () -> IdempotencyKeys.requireSameRequest("k-1", FIRST, again));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body().error())
        .isEqualTo(
            new ErrorBody.Error(
                "idempotency_key_reused",
                "Idempotency-Key k-1 was already used for a different order",
                null));
  }
}
