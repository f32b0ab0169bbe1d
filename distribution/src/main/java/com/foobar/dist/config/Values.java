package com.foobar.dist.config;

import java.util.Arrays;
import java.util.List;

/** Splitting of comma-separated config values, shared by the checks and the readers. */
final class Values {
  private Values() {}

  static List<String> split(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
