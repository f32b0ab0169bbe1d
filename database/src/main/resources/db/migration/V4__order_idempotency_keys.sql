-- POST /api/orders with an Idempotency-Key header is applied at most once: the key is stored
-- with the order, in the same transaction, and the unique index makes a concurrent second
-- attempt fail instead of placing a second order. NULL for orders placed without a key.
ALTER TABLE orders
  ADD COLUMN idempotency_key VARCHAR(128) NULL,
  ADD CONSTRAINT orders_idempotency_key UNIQUE (idempotency_key);
