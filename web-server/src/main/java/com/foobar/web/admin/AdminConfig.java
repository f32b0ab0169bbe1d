package com.foobar.web.admin;

import java.net.URI;

/**
 * The admin port: Prometheus metrics and the live status page, for operators only.
 *
 * @param bindHost the literal IP to listen on (loopback by default: it is not for the internet)
 * @param port the admin port; 0 picks a free one
 * @param dnsMetrics the DNS tier's Prometheus endpoint, read for the status page; null if none
 * @param dnsAddress how the status page labels the DNS tier
 * @param databaseAddress how the status page labels the database
 */
public record AdminConfig(
    String bindHost, int port, URI dnsMetrics, String dnsAddress, String databaseAddress) {}
