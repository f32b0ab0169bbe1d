package com.foobar.dist.stack;

import com.foobar.dist.config.ConfigKey;

/** Runs one tier's start, turning its failure into the operator's line ({@link StartFailure}). */
final class TierStart {
  private TierStart() {}

  interface Step<T> {
    T run() throws Exception;
  }

  interface VoidStep {
    void run() throws Exception;
  }

  /**
   * @param portKeys the keys that move the tier to other ports, named when a port is taken
   */
  static <T> T run(String tier, String address, Step<T> step, ConfigKey... portKeys) {
    try {
      return step.run();
    } catch (Exception e) {
      String keys =
          String.join(" or ", java.util.Arrays.stream(portKeys).map(ConfigKey::key).toList());
      throw new TierStartException(StartFailure.explain(tier, address, keys, e), e);
    }
  }

  static void run(String tier, String address, VoidStep step, ConfigKey... portKeys) {
    run(
        tier,
        address,
        () -> {
          step.run();
          return null;
        },
        portKeys);
  }
}
