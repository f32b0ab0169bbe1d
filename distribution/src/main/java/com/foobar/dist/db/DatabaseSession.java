package com.foobar.dist.db;

import com.foobar.db.Database;
import com.foobar.db.DatabaseConfig;
import com.foobar.db.DbConnection;
import com.foobar.db.embedded.EmbeddedMariaDb;
import com.foobar.dist.config.JdbcUrl;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The database as the schema owner reaches it, for {@code foobar db} commands: a running embedded
 * MariaDB through its Unix socket (as this OS user, its admin), one started just for the command
 * when none runs (and stopped after), or the external one of {@code db.url} with {@code
 * db.admin.*}.
 */
final class DatabaseSession implements AutoCloseable {
  private final DatabaseConfig config;
  private final Database startedHere; // null when it was running, or external
  private final Path socket; // null for an external database

  private DatabaseSession(DatabaseConfig config, Database startedHere, Path socket) {
    this.config = config;
    this.startedHere = startedHere;
    this.socket = socket;
  }

  static DatabaseSession open(DatabaseConfig config) {
    if (!config.embedded()) {
      return new DatabaseSession(config, null, null);
    }
    Path socket = EmbeddedMariaDb.socketIn(config.dataDirectory());
    if (listening(socket)) {
      return new DatabaseSession(config, null, socket);
    }
    Database database = new Database(config);
    database.start();
    return new DatabaseSession(config, database, socket);
  }

  private static boolean listening(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException stale) {
      return false;
    }
  }

  /** The schema owner's JDBC connection. */
  DbConnection admin() {
    if (socket == null) {
      return new DbConnection(config.url(), config.adminUser(), config.adminPassword());
    }
    return DbConnection.embeddedSuperuser(socket, config.databaseName());
  }

  /**
   * A MariaDB client tool ({@code mariadb-dump}, {@code mariadb}) with the options that reach this
   * database as the schema owner; the password, if any, goes in the environment, not argv.
   */
  ProcessBuilder tool(String name, List<String> arguments) {
    List<String> command = new java.util.ArrayList<>();
    ProcessBuilder builder = new ProcessBuilder(command);
    if (socket != null) {
      command.add(config.baseDirectory().resolve("bin").resolve(name).toString());
      command.add("--socket=" + socket);
      command.add("--user=" + System.getProperty("user.name"));
      command.add("--skip-ssl"); // the embedded server runs without TLS, on a local socket
    } else {
      command.add(name); // the system's client, for an external server
      JdbcUrl.Endpoint url = JdbcUrl.parse(config.url()).singleHost();
      command.add("--host=" + url.host());
      command.add("--port=" + url.port());
      command.add("--user=" + config.adminUser());
      builder.environment().put("MYSQL_PWD", config.adminPassword());
    }
    command.addAll(arguments);
    return builder.redirectErrorStream(false);
  }

  DatabaseConfig config() {
    return config;
  }

  /** The embedded server's Unix socket. */
  Path socket() {
    if (socket == null) {
      throw new IllegalStateException("an external database has no local socket");
    }
    return socket;
  }

  String databaseName() {
    return config.databaseName();
  }

  @Override
  public void close() {
    if (startedHere != null) {
      startedHere.close();
    }
  }
}
