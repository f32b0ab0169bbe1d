package com.foobar.db;

/** How a client reaches the database: a JDBC URL and the credentials to use. */
public record DbConnection(String jdbcUrl, String user, String password) {
  /**
   * The embedded server's superuser over its Unix socket: the operating-system user, no password
   * (MariaDB's unix_socket authentication), {@code database} selected (empty: none).
   */
  public static DbConnection embeddedSuperuser(java.nio.file.Path socket, String database) {
    return new DbConnection(
        "jdbc:mariadb://localhost/" + database + "?localSocket=" + socket,
        System.getProperty("user.name"),
        null);
  }

  @Override
  public String toString() {
    return "DbConnection[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
  }
}
