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
   * @param portKey the key that moves the tier to another port, named when the port is taken
   */
  static <T> T run(String tier, String address, ConfigKey portKey, Step<T> step) {
    try {
      return step.run();
    } catch (Exception e) {
      throw new TierStartException(StartFailure.explain(tier, address, portKey.key(), e), e);
    }
  }

  static void run(String tier, String address, ConfigKey portKey, VoidStep step) {
    run(
        tier,
        address,
        portKey,
        () -> {
          step.run();
          return null;
        });
  }
}
