package com.foobar.bench.peer.orders;

import com.foobar.bench.peer.ApiError;
import java.util.regex.Pattern;

/** The {@code POST /api/orders} body, checked by the rules and with the answers of our store. */
public record OrderRequest(String sku, Integer quantity, String email) {
  private static final int MAX_QUANTITY = 1000;
  private static final int MAX_EMAIL_LENGTH = 254;
  private static final int MAX_SKU_LENGTH = 64;
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

  /** Throws the 400 our store gives for the first rule the request breaks. */
  public void validate() {
    if (sku == null) {
      throw ApiError.invalidField("sku", "sku is required");
    }
    if (sku.isEmpty() || sku.length() > MAX_SKU_LENGTH) {
      throw ApiError.invalidField("sku", "sku must be 1 to " + MAX_SKU_LENGTH + " characters");
    }
    if (quantity == null) {
      throw ApiError.invalidField("quantity", "quantity is required");
    }
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw ApiError.invalidField(
          "quantity", "quantity must be a whole number from 1 to " + MAX_QUANTITY);
    }
    if (email == null) {
      throw ApiError.invalidField("email", "email is required");
    }
    if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
      throw ApiError.invalidField(
          "email",
          "email must be an address like name@example.com, at most "
              + MAX_EMAIL_LENGTH
              + " characters");
    }
  }
}
