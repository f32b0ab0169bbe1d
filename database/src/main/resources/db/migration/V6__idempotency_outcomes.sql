-- An Idempotency-Key now remembers the first answer it got, whatever it was: the order it
-- placed (201), or the refusal (404 unknown sku, 409 stock short). Before, only placed orders
-- kept their key, so a key first refused for short stock placed an order when retried after a
-- restock: a retry must get the first answer, not a new one.
--
-- The request's data is kept with the key so a reuse with other data is told apart (422).
-- A row is written last in the transaction that decides the outcome, so two attempts with one
-- key serialise on this primary key and the one that commits first is the answer for both.
--
-- Expand only: orders.idempotency_key stays and is still written for placed orders, so an
-- instance of the previous version running beside this one during a rolling deploy keeps
-- finding (and cannot duplicate) the orders this one places.
-- Keys compare byte for byte, as clients (and Stripe) expect: "Abc" and "abc" are two keys.
-- The table default collation is case-insensitive, which V4's column had taken; the API only
-- accepts visible ASCII for a key, so the stored ones convert losslessly.
ALTER TABLE orders MODIFY idempotency_key VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NULL;

CREATE TABLE idempotency_keys (
  idempotency_key VARCHAR(128)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  sku             VARCHAR(64)   NOT NULL,
  quantity        INT           NOT NULL,
  email           VARCHAR(254)  NOT NULL,
  status          SMALLINT      NOT NULL,
  order_id        BIGINT        NULL,
  error_code      VARCHAR(64)   NULL,
  error_message   VARCHAR(512)  NULL,
  error_field     VARCHAR(64)   NULL,
  created_at      TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  -- No cascade: deleting an order must not free its key, or a retry would place it again.
  CONSTRAINT idempotency_keys_order FOREIGN KEY (order_id) REFERENCES orders (id),
  CONSTRAINT idempotency_keys_outcome CHECK (
    (status = 201 AND order_id IS NOT NULL AND error_code IS NULL)
    OR (status IN (404, 409) AND order_id IS NULL AND error_code IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO idempotency_keys (idempotency_key, sku, quantity, email, status, order_id, created_at)
  SELECT o.idempotency_key, p.sku, o.quantity, o.email, 201, o.id, o.created_at
  FROM orders o JOIN products p ON p.id = o.product_id
  WHERE o.idempotency_key IS NOT NULL;
