package com.foobar.store.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.foobar.http.ApiException;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/** A validated {@code POST /api/orders} body: every rule names the field it is about. */
public record OrderRequest(String sku, int quantity, String email) {
  static final int MAX_QUANTITY = 1000;
  static final int MAX_EMAIL_LENGTH = 254;
  static final int MAX_SKU_LENGTH = 64;
  private static final Set<String> FIELDS = Set.of("sku", "quantity", "email");
  // Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is the mail
  // system's business; this only stops obvious typos and junk.
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

  public static OrderRequest parse(JsonNode body) throws ApiException {
    if (!body.isObject()) {
      throw new ApiException(400, "invalid_json", "the body must be a JSON object", null);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.invalidField(name, "unknown field '" + name + "'");
      }
    }
    String sku = requiredString(body, "sku");
    if (sku.isEmpty() || sku.length() > MAX_SKU_LENGTH) {
      throw ApiException.invalidField("sku", "sku must be 1 to " + MAX_SKU_LENGTH + " characters");
    }
    JsonNode quantity = required(body, "quantity");
    if (!quantity.isIntegralNumber()
        || !quantity.canConvertToInt()
        || quantity.intValue() < 1
        || quantity.intValue() > MAX_QUANTITY) {
      throw ApiException.invalidField(
          "quantity", "quantity must be a whole number from 1 to " + MAX_QUANTITY);
    }
    String email = requiredString(body, "email");
    if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
      throw ApiException.invalidField(
          "email",
          "email must be an address like name@example.com, at most "
              + MAX_EMAIL_LENGTH
              + " characters");
    }
    return new OrderRequest(sku, quantity.intValue(), email);
  }

  private static JsonNode required(JsonNode body, String field) throws ApiException {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.invalidField(field, field + " is required");
    }
    return value;
  }

  private static String requiredString(JsonNode body, String field) throws ApiException {
    JsonNode value = required(body, field);
    if (!value.isTextual()) {
      throw ApiException.invalidField(field, field + " must be a string");
    }
    return value.textValue();
  }
}
