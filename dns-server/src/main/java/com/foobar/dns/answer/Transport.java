package com.foobar.dns.answer;

/** How a query arrived, which decides how large its answer may be. */
public enum Transport {
  /** Limited to 512 bytes, or the client's EDNS payload size capped at our own. */
  UDP,
  /** Limited only by the 2-byte length prefix. */
  TCP
}
