package com.foobar.dist.stack;

import com.foobar.dist.config.ConfigException;
import com.foobar.dist.config.DbKey;
import com.foobar.dist.config.DnsKey;
import com.foobar.dist.config.FoobarConfig;
import com.foobar.dist.config.WebKey;
import com.foobar.dns.DnsServer;
import com.foobar.dns.ZoneFileException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the files named by the configuration must be before a tier starts: checked first, so a
 * missing site or a bad zone file stops start-up before the database has started, and nothing runs
 * half-configured.
 */
final class StartChecks {
  private StartChecks() {}

  /**
   * @throws ConfigException naming the key and the file
   */
  static void check(FoobarConfig config) {
    directory(config, WebKey.ROOT);
    directory(config, DnsKey.ZONES);
    if (!config.isEmpty(WebKey.HTTPS_KEYSTORE)
        && !Files.isReadable(config.path(WebKey.HTTPS_KEYSTORE))) {
      throw new ConfigException(
          WebKey.HTTPS_KEYSTORE.key() + ": cannot read " + config.path(WebKey.HTTPS_KEYSTORE));
    }
    if (config.bool(DbKey.SEMI_SYNC) && config.integer(DbKey.SERVER_ID) == 0) {
      throw new ConfigException(
          DbKey.SEMI_SYNC.key()
              + " = true needs "
              + DbKey.SERVER_ID.key()
              + " (not 0): replication");
    }
    try {
      DnsServer.checkZones(config.path(DnsKey.ZONES));
    } catch (ZoneFileException e) {
      throw new ConfigException("dns: " + e.getMessage());
    }
  }

  private static void directory(FoobarConfig config, com.foobar.dist.config.ConfigKey key) {
    Path path = config.path(key);
    if (!Files.isDirectory(path)) {
      throw new ConfigException(key.key() + ": no such directory " + path);
    }
  }
}
