package com.foobar.dist.e2e;

/**
 * The lock of the assembled package in target/foobar ({@code @ResourceLock(PackageLock.NAME)}): the
 * test classes that run it hold it, so they take turns with its var/, logs/ and pid files while the
 * ones on copies of their own (PackageCopy) run beside them.
 */
final class PackageLock {
  static final String NAME = "the package in target/foobar";

  private PackageLock() {}
}
