package com.foobar.dns.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.dns.ratelimit.ResponseRateLimiter.Verdict;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseRateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void sendsUpToTheRateThenSlipsEverySecondAnswerAndDropsTheRest() throws Exception {
    ResponseRateLimiter limiter = new ResponseRateLimiter(3, 2);
    InetAddress client = InetAddress.getByName("192.0.2.10");
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      verdicts.add(limiter.check(client, 5 * SECOND));
    }

    assertThat(verdicts)
        .containsExactly(
            Verdict.SEND,
            Verdict.SEND,
            Verdict.SEND,
            Verdict.DROP,
            Verdict.SLIP,
            Verdict.DROP,
            Verdict.SLIP);
  }

  @Test
  void countsAWholeSlash24TogetherAndStartsAfreshEachSecond() throws Exception {
    ResponseRateLimiter limiter = new ResponseRateLimiter(1, 0);

    assertThat(limiter.check(InetAddress.getByName("192.0.2.10"), 7 * SECOND))
        .isEqualTo(Verdict.SEND);
    assertThat(limiter.check(InetAddress.getByName("192.0.2.99"), 7 * SECOND))
        .as("same /24")
        .isEqualTo(Verdict.DROP);
    assertThat(limiter.check(InetAddress.getByName("192.0.3.10"), 7 * SECOND))
        .as("another /24")
        .isEqualTo(Verdict.SEND);
    assertThat(limiter.check(InetAddress.getByName("192.0.2.10"), 8 * SECOND))
        .as("next second")
        .isEqualTo(Verdict.SEND);
  }

  @Test
  void aBurstStraddlingASecondGetsTheRateAndTheSlipsInEachSecond() throws Exception {
    // What RateLimitIT relies on when its burst falls into two windows.
    ResponseRateLimiter limiter = new ResponseRateLimiter(2, 2);
    InetAddress client = InetAddress.getByName("192.0.2.10");
    List<Verdict> verdicts = new ArrayList<>();
    for (long at : new long[] {5 * SECOND - 3, 5 * SECOND - 2, 5 * SECOND - 1}) {
      verdicts.add(limiter.check(client, at));
    }
    for (long at : new long[] {5 * SECOND, 5 * SECOND + 1, 5 * SECOND + 2, 5 * SECOND + 3}) {
      verdicts.add(limiter.check(client, at));
    }

    assertThat(verdicts)
        .containsExactly(
            Verdict.SEND,
            Verdict.SEND,
            Verdict.DROP,
            Verdict.SEND,
            Verdict.SEND,
            Verdict.DROP,
            Verdict.SLIP);
  }
}
