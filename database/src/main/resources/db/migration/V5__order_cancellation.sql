-- DELETE /api/orders/{id} cancels an order and gives its units back, in one transaction.
-- The status flips once (placed -> cancelled) so a repeated cancel cannot restore twice.
ALTER TABLE orders
  ADD COLUMN status       VARCHAR(16)  NOT NULL DEFAULT 'placed',
  ADD COLUMN cancelled_at TIMESTAMP(6) NULL,
  ADD CONSTRAINT orders_status CHECK (status IN ('placed', 'cancelled')),
  ADD INDEX orders_email_id (email, id);
