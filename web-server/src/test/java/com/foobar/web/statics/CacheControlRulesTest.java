package com.foobar.web.statics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.jetty.server.handler.DefaultHandler;
import org.junit.jupiter.api.Test;

class CacheControlRulesTest {
  private final CacheControlRules rules =
      new CacheControlRules(
          new DefaultHandler(), "/: no-cache; /assets/*: immutable; *.CSS *.js: max-age=60");

  @Test
  void theFirstMatchingRuleWinsBySuffixPrefixOrExactPath() {
    assertThat(rules.valueFor("/")).isEqualTo("no-cache");
    assertThat(rules.valueFor("/assets/app.css")).isEqualTo("immutable");
    assertThat(rules.valueFor("/style.css")).isEqualTo("max-age=60");
    assertThat(rules.valueFor("/app.js")).isEqualTo("max-age=60");
    assertThat(rules.valueFor("/index.html")).isNull();
    assertThat(rules.valueFor("/assets/")).isEqualTo("immutable"); // by its prefix
    assertThat(rules.valueFor("/docs/")).isNull(); // its index.html has no rule either
    assertThat(rules.valueFor("/css")).isNull(); // shorter than the suffix
    assertThat(rules.valueFor("/assets")).isNull();
  }

  @Test
  void aDirectoryTakesTheRuleOfItsIndexPage() {
    CacheControlRules pages =
        new CacheControlRules(new DefaultHandler(), "*.html: no-cache; *.css: max-age=60");
    assertThat(pages.valueFor("/docs/")).isEqualTo("no-cache");
    assertThat(pages.valueFor("/")).isEqualTo("no-cache");
    assertThat(pages.valueFor("/docs")).isNull(); // redirected to /docs/ first
  }

  @Test
  void malformedRulesAreRefusedWithTheRuleInTheMessage() {
    assertThatThrownBy(() -> new CacheControlRules(new DefaultHandler(), "*.css max-age=60"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cache rule '*.css max-age=60' is not 'pattern ...: Cache-Control value'");
    assertThatThrownBy(() -> new CacheControlRules(new DefaultHandler(), "css: max-age=60"))
        .hasMessage("cache rule pattern 'css' is neither *.ext nor a /path");
  }
}
