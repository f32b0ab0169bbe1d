package com.foobar.dns.acme;

import com.foobar.dns.DnsServer;
import com.foobar.dns.server.ZoneDirectoryWatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off of ACME DNS-01 answers from the web tier to this DNS tier, the same in every process
 * layout (one JVM, separate processes, systemd units): the web tier writes one file per challenge
 * into a directory both can reach (var/acme/dns-01), named {@code <digest>.txt} and holding the
 * domain, and removes it when the challenge is decided; this server answers a TXT at {@code
 * _acme-challenge.<domain>} for each file there, within a moment of the change (the web tier asks
 * this server until it does before it lets the CA look). A file that is not such an answer, or for
 * a name outside the zones served, is logged and left unanswered.
 */
public final class AcmeChallengeDirectory implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AcmeChallengeDirectory.class);

  /** base64url of a SHA-256: what RFC 8555 §8.4 puts in the TXT record. */
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{43}");

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  private final Path directory;
  private final DnsServer dns;
  private final Map<String, String> published = new HashMap<>(); // digest -> domain
  private final Map<String, String> refused = new HashMap<>(); // logged once each
  private ZoneDirectoryWatcher watcher;

  public AcmeChallengeDirectory(Path directory, DnsServer dns) {
    this.directory = directory;
    this.dns = dns;
  }

  /** Answers what is in the directory now (made when missing), then follows its changes. */
  public synchronized void start() throws IOException {
    Files.createDirectories(directory);
    sync();
    watcher = new ZoneDirectoryWatcher(directory, this::sync, "dns-acme-watcher");
  }

  synchronized void sync() {
    Set<String> present = new HashSet<>();
    Map<String, String> wanted = read(present);
    for (Map.Entry<String, String> answer : Map.copyOf(published).entrySet()) {
      if (!answer.getValue().equals(wanted.get(answer.getKey()))) {
        dns.withdrawAcmeChallenge(answer.getValue(), answer.getKey());
        published.remove(answer.getKey());
      }
    }
    for (Map.Entry<String, String> answer : wanted.entrySet()) {
      if (published.containsKey(answer.getKey())) {
        continue;
      }
      try {
        dns.publishAcmeChallenge(answer.getValue(), answer.getKey());
        published.put(answer.getKey(), answer.getValue());
        log.info("dns: answering the ACME DNS-01 challenge for {}", answer.getValue());
      } catch (IllegalArgumentException outsideZones) {
        refuse(answer.getKey(), outsideZones.getMessage());
      }
    }
    refused.keySet().retainAll(present); // a refusal is logged again only for a new file
  }

  /** The answers in the directory, by digest; {@code present} gets every answer file's stem. */
  private Map<String, String> read(Set<String> present) {
    Map<String, String> wanted = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.txt")) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String digest = name.substring(0, name.length() - ".txt".length());
        present.add(digest);
        String domain;
        try {
          domain = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException gone) {
          continue; // withdrawn while we looked
        } catch (IOException e) {
          refuse(digest, "cannot read " + file + ": " + e.getMessage());
          continue;
        }
        if (!DIGEST.matcher(digest).matches() || !DOMAIN.matcher(domain).matches()) {
          refuse(digest, file + " is not an ACME DNS-01 answer (<digest>.txt holding a domain)");
          continue;
        }
        wanted.put(digest, domain);
      }
    } catch (IOException e) {
      log.warn("dns: cannot read the ACME challenge directory {}: {}", directory, e.getMessage());
      present.addAll(refused.keySet());
      return Map.copyOf(published); // keep answering what was there
    }
    return wanted;
  }

  private void refuse(String digest, String reason) {
    if (!Objects.equals(refused.put(digest, reason), reason)) {
      log.warn("dns: ACME DNS-01 answer not served: {}", reason);
    }
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.close();
      watcher = null;
    }
  }
}
