CREATE TABLE products (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  sku         VARCHAR(64)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  description VARCHAR(2000) NOT NULL DEFAULT '',
  price_cents INT          NOT NULL,
  stock       INT          NOT NULL,
  CONSTRAINT products_sku_unique UNIQUE (sku),
  CONSTRAINT products_price_not_negative CHECK (price_cents >= 0),
  CONSTRAINT products_stock_not_negative CHECK (stock >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
