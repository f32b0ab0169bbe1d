package com.foobar.dist.run;

/** What one {@code foobar run} process runs: the whole stack, or one tier of it. */
public enum Tier {
  ALL,
  DB,
  APP,
  WEB,
  DNS;

  boolean includes(Tier tier) {
    return this == ALL || this == tier;
  }
}
