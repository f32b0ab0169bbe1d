INSERT INTO products (sku, name, description, price_cents, stock) VALUES
  ('FB-TEE', 'foobar T-shirt', 'Soft cotton tee with the foobar logo.', 1999, 100),
  ('FB-MUG', 'foobar mug', 'Ceramic mug, 330 ml.', 1299, 50),
  ('FB-STICKER', 'foobar sticker pack', 'Five vinyl stickers.', 499, 500),
  ('FB-HOODIE', 'foobar hoodie', 'Warm hoodie for cold server rooms.', 4999, 25);
