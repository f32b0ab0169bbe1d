package com.foobar.app;

import com.foobar.db.DbConnection;

/**
 * One application instance.
 *
 * @param bindHost the literal IP to listen on (the web tier is the only client: loopback)
 * @param port the HTTP port; 0 picks a free one
 * @param database how to reach the database, as the application user
 * @param maxPoolSize the most database connections this instance holds
 */
public record AppConfig(String bindHost, int port, DbConnection database, int maxPoolSize) {}
