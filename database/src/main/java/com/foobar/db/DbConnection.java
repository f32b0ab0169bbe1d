package com.foobar.db;

/** How a client reaches the database: a JDBC URL and the credentials to use. */
public record DbConnection(String jdbcUrl, String user, String password) {
  @Override
  public String toString() {
    return "DbConnection[jdbcUrl=" + jdbcUrl + ", user=" + user + "]";
  }
}
