package com.foobar.dist.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * SIGKILL to a process and every process it started (a tier's JVM and the embedded mariadbd under
 * it), as a power cut would leave them: nothing gets to flush, close or say goodbye.
 */
final class HardKill {
  private HardKill() {}

  static void tree(ProcessHandle root, Duration timeout) throws Exception {
    // Listed before the kill: once the root is gone its children are re-parented and lost.
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(0, root);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : all) {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
