package com.foobar.web.acme;

/**
 * Where DNS-01 answers go (RFC 8555 §8.4): a TXT record with {@code digest} at {@code
 * _acme-challenge.<domain>} while an order needs it. In the stack, our own DNS tier.
 */
public interface Dns01Publisher {
  /**
   * @param domain the authorization's name ({@code foobar.com} also for {@code *.foobar.com})
   * @throws IllegalArgumentException when the name is not one this publisher can answer for
   */
  void publish(String domain, String digest);

  void withdraw(String domain, String digest);
}
