package com.foobar.dns.health;

/**
 * One address's health with HAProxy's rise/fall rule: it changes state only after {@code rise}
 * successes, or {@code fall} failures, in a row; a single lost check does not flap it. Starts up,
 * so a fresh start answers every address until checks say otherwise.
 */
final class AddressState {
  private final int rise;
  private final int fall;
  private boolean up = true;
  private int streak; // checks in a row that disagree with the current state

  AddressState(int rise, int fall) {
    this.rise = rise;
    this.fall = fall;
  }

  /**
   * @return whether this check changed the state
   */
  boolean record(boolean success) {
    if (success == up) {
      streak = 0;
      return false;
    }
    streak++;
    if (streak >= (up ? fall : rise)) {
      up = !up;
      streak = 0;
      return true;
    }
    return false;
  }

  boolean up() {
    return up;
  }
}
