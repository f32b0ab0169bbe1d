package com.foobar.dist.control;

import com.foobar.dist.release.Release;
import com.foobar.dist.release.Releases;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Makes a release current and rolls every app instance onto it, one at a time and health-gated.
 * When an instance does not come back healthy, the release is marked failed, var/releases is put
 * back as it was, and the instances already restarted go back onto what was current before: the
 * others never switched.
 */
final class ReleaseSwitch {
  private final Releases releases;
  private final Rollout rollout;
  private final List<Integer> ports;

  ReleaseSwitch(Releases releases, Rollout rollout, List<Integer> ports) {
    this.releases = releases;
    this.rollout = rollout;
    this.ports = List.copyOf(ports);
  }

  /**
   * The rollout, any unexpected failure in it (a file that cannot be written, a bug) counted as a
   * failure of every instance: which ones were restarted is then unknown, so all go back.
   */
  private void restartEach(List<Integer> ports) {
    try {
      rollout.restartEach(ports);
    } catch (Rollout.Failure failure) {
      throw failure;
    } catch (RuntimeException unexpected) {
      throw new Rollout.Failure("the rollout failed: " + unexpected, ports);
    }
  }

  /**
   * @throws Rollout.Failure naming the instance and why, after everything was put back
   */
  void to(Release target) {
    Optional<Release> current = releases.current();
    Optional<Release> previous = releases.previous();
    releases.makeCurrent(target);
    try {
      restartEach(ports);
    } catch (Rollout.Failure failure) {
      // The links first: an instance that restarts from here on (systemd, a crash) must find the
      // release that was current, whatever else fails below.
      releases.restore(current, previous);
      releases.markFailed(target, failure.getMessage());
      // The failed instance first: it is the one not serving; the others run the new release and
      // carry the traffic meanwhile.
      List<Integer> touchedLastFirst = new ArrayList<>(failure.touched());
      Collections.reverse(touchedLastFirst);
      try {
        rollout.restartEach(touchedLastFirst);
      } catch (Rollout.Failure goingBack) {
        throw new Rollout.Failure(
            failure.getMessage() + "; going back failed too: " + goingBack.getMessage(),
            failure.touched());
      }
      throw failure;
    }
  }
}
