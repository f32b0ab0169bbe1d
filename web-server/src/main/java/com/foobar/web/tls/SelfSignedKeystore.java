package com.foobar.web.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a keystore with a self-signed certificate for the site's names the first time HTTPS starts
 * without one, with the JDK's own {@code keytool}, so HTTPS works out of the box; an operator
 * replaces it with a real certificate (web.https.keystore).
 */
public final class SelfSignedKeystore {
  private static final Logger log = LoggerFactory.getLogger(SelfSignedKeystore.class);
  private static final int VALIDITY_DAYS = 825; // the longest browsers accept for a leaf

  private SelfSignedKeystore() {}

  /**
   * Creates {@code keystore} unless it exists.
   *
   * @throws IOException if keytool is missing or fails (its output is in the message)
   */
  public static void ensure(Path keystore, String password, List<String> names) throws IOException {
    if (Files.exists(keystore)) {
      return;
    }
    if (names.isEmpty()) {
      throw new IOException("web: no keystore at " + keystore + " and no names to certify");
    }
    Files.createDirectories(keystore.toAbsolutePath().getParent());
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path partial = keystore.resolveSibling(keystore.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "foobar",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-sigalg",
            "SHA256withECDSA",
            "-validity",
            Integer.toString(VALIDITY_DAYS),
            "-dname",
            "CN=" + names.get(0),
            "-ext",
            "SAN=" + subjectAlternativeNames(names),
            "-storetype",
            "PKCS12",
            "-keystore",
            partial.toString(),
            "-storepass:env",
            "FOOBAR_KEYSTORE_PASSWORD")); // not on the command line, where ps would show it
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("FOOBAR_KEYSTORE_PASSWORD", password);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("web: keytool could not make " + keystore + ": " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("web: interrupted while making " + keystore, e);
    }
    Files.move(partial, keystore); // whole or not at all
    log.info("web: made a self-signed certificate for {} in {}", names, keystore);
  }

  private static String subjectAlternativeNames(List<String> names) {
    List<String> entries = new ArrayList<>();
    for (String name : names) {
      boolean ip = name.matches("[0-9.]+") || name.contains(":");
      entries.add((ip ? "ip:" : "dns:") + name);
    }
    return String.join(",", entries);
  }
}
