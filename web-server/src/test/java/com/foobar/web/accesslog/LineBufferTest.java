package com.foobar.web.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineBufferTest {
  private static String written(String value) {
    return new LineBuffer(4).value(value).drain();
  }

  @Test
  void writesPrintableAsciiAsItIs() {
    assertThat(written("Mozilla/5.0 (X11; Linux x86_64) ~!#$%&'()*+,-./:;<=>?@[]^_`{|}"))
        .isEqualTo("Mozilla/5.0 (X11; Linux x86_64) ~!#$%&'()*+,-./:;<=>?@[]^_`{|}");
  }

  @Test
  void escapesQuotesBackslashesControlsAndNonAsciiAsNginx() {
    assertThat(written("a\"b\\c")).isEqualTo("a\\x22b\\x5Cc");
    assertThat(written("line\nforged\r\t\u0000\u007f"))
        .isEqualTo("line\\x0Aforged\\x0D\\x09\\x00\\x7F");
    assertThat(written("é")).as("the request line: UTF-8").isEqualTo("\\xC3\\xA9");
    assertThat(new LineBuffer(4).headerValue("\u00c3\u00a9").drain())
        .as("a header: é's two bytes as Jetty reads them, ISO-8859-1")
        .isEqualTo("\\xC3\\xA9");
    assertThat(written("€")).isEqualTo("\\xE2\\x82\\xAC");
    assertThat(written("\uD83D\uDE00")).isEqualTo("\\xF0\\x9F\\x98\\x80"); // 😀, a surrogate pair
  }

  @Test
  void writesADashForAnAbsentOrEmptyValue() {
    assertThat(written(null)).isEqualTo("-");
    assertThat(written("")).isEqualTo("-");
  }

  @Test
  void writesNumbersWithoutAllocatingAndADashForUnknown() {
    LineBuffer out = new LineBuffer(1);
    out.number(0).literal(' ').number(200).literal(' ').number(Long.MAX_VALUE).literal(' ');
    assertThat(out.number(-1).drain()).isEqualTo("0 200 9223372036854775807 -");
  }

  @Test
  void drainsWithoutTheLastNewlineAndStartsEmptyAgain() {
    LineBuffer out = new LineBuffer(8);
    out.value("one").literal('\n').value("two").literal('\n');
    assertThat(out.drain()).isEqualTo("one\ntwo");
    assertThat(out.length()).isZero();
    assertThat(out.value("three").drain()).isEqualTo("three");
  }
}
