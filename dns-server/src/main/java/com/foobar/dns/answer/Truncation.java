package com.foobar.dns.answer;

import java.util.Arrays;

/** The truncated form of an answer: its header with TC set and only the question kept. */
public final class Truncation {
  private Truncation() {}

  /**
   * @param answer a complete answer
   * @return header (TC set, answer, authority and additional counts zero) plus question, or null
   *     when the answer has no simple question to keep
   */
  public static byte[] of(byte[] answer) {
    if (answer.length < 12 || answer[4] != 0 || answer[5] != 1) {
      return null;
    }
    int at = 12;
    while (at < answer.length) {
      int label = answer[at] & 0xFF;
      if (label == 0) {
        int end = at + 5;
        if (end > answer.length) {
          return null;
        }
        byte[] truncated = Arrays.copyOf(answer, end);
        truncated[2] |= 0x02; // TC
        Arrays.fill(truncated, 6, 12, (byte) 0);
        return truncated;
      }
      if (label > 63) {
        return null;
      }
      at += label + 1;
    }
    return null;
  }
}
