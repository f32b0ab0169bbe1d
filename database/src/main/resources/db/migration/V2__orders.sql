CREATE TABLE orders (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  product_id  BIGINT       NOT NULL,
  quantity    INT          NOT NULL,
  email       VARCHAR(254) NOT NULL,
  total_cents BIGINT       NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT orders_product FOREIGN KEY (product_id) REFERENCES products (id),
  CONSTRAINT orders_quantity_positive CHECK (quantity > 0),
  CONSTRAINT orders_total_not_negative CHECK (total_cents >= 0),
  INDEX orders_email (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
