package com.foobar.web.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CombinedLogWriterTest {
  private static final String HEAD =
      "127.0.0.1 - - [30/Nov/2026:23:21:33 +0000] \"GET / HTTP/1.1\" 200 5";

  @Test
  void writesADashForAnAbsentRefererOrUserAgent() {
    assertThat(CombinedLogWriter.dashed(HEAD + " \"\" \"\"")).isEqualTo(HEAD + " \"-\" \"-\"");
    assertThat(CombinedLogWriter.dashed(HEAD + " \"\" \"curl/8.0\""))
        .isEqualTo(HEAD + " \"-\" \"curl/8.0\"");
    assertThat(CombinedLogWriter.dashed(HEAD + " \"http://a/\" \"\""))
        .isEqualTo(HEAD + " \"http://a/\" \"-\"");
  }

  @Test
  void leavesPresentValuesAloneEvenWithEscapedQuotes() {
    String line = HEAD + " \"http://a/\" \"say \\\"\\\" twice\"";
    assertThat(CombinedLogWriter.dashed(line)).isEqualTo(line);
  }
}
