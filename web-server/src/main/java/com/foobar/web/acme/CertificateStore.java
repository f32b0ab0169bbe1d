package com.foobar.web.acme;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.foobar.web.tls.OwnerOnlyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The managed certificate's files under var/acme: {@code certificate.pem} (its key, then the chain,
 * owner-only, replaced whole) and {@code status.json} (the last attempt, for {@code foobar status},
 * which may read it while the web tier is down).
 */
public final class CertificateStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path certificate;
  private final Path status;

  public CertificateStore(Path directory) {
    this.certificate = directory.resolve("certificate.pem");
    this.status = directory.resolve("status.json");
  }

  /** The stored certificate, or null when there is none. */
  StoredCertificate read() throws IOException {
    if (!Files.exists(certificate)) {
      return null;
    }
    try {
      return StoredCertificate.parse(Files.readString(certificate, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new IOException("acme: " + certificate + " is damaged: " + e.getMessage(), e);
    }
  }

  void write(StoredCertificate stored) throws IOException {
    OwnerOnlyFile.write(certificate, stored.file().getBytes(StandardCharsets.US_ASCII));
  }

  void writeStatus(CertificateStatus attempt) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    json.putPOJO("names", attempt.names());
    json.put("lastAttempt", text(attempt.lastAttempt()));
    json.put("lastError", attempt.lastError());
    json.put("nextAttempt", text(attempt.nextAttempt()));
    OwnerOnlyFile.write(status, JSON.writeValueAsBytes(json));
  }

  /** The last attempt's outcome, or null when there was none (or its file is unreadable). */
  CertificateStatus readStatus() {
    try {
      JsonNode json = JSON.readTree(Files.readAllBytes(status));
      List<String> names = new ArrayList<>();
      json.path("names").forEach(name -> names.add(name.asText()));
      return new CertificateStatus(
          names,
          null,
          null,
          null,
          instant(json.path("lastAttempt")),
          json.path("lastError").isTextual() ? json.path("lastError").asText() : null,
          instant(json.path("nextAttempt")));
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The certificate and last attempt as they are on disk: for {@code foobar status}, whether or not
   * the web tier runs. Null when nothing was ever stored.
   */
  public CertificateStatus snapshot() {
    CertificateStatus attempt = readStatus();
    StoredCertificate stored;
    try {
      stored = read();
    } catch (IOException e) {
      stored = null;
    }
    if (attempt == null && stored == null) {
      return null;
    }
    return combined(attempt == null ? List.of() : attempt.names(), stored, attempt);
  }

  /** The certificate served (or null) with the last attempt's outcome (or null). */
  static CertificateStatus combined(
      List<String> names, StoredCertificate served, CertificateStatus attempt) {
    return new CertificateStatus(
        names,
        served == null ? null : served.issuer(),
        served == null ? null : served.notAfter(),
        served == null ? null : served.renewAt(),
        attempt == null ? null : attempt.lastAttempt(),
        attempt == null ? null : attempt.lastError(),
        attempt == null ? null : attempt.nextAttempt());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Instant instant(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }
}
