package com.foobar.web.acme;

import com.foobar.web.tls.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real Pebble (Let's Encrypt's test CA, Debian's package) on loopback for one test class, with
 * {@code pebble-challtestsrv} as the DNS server it resolves names through (every name: 127.0.0.1),
 * or the DNS server a test names (the stack's own), and its HTTP-01 validation pointed at {@code
 * httpPort}. Its own HTTPS certificate is made here (the package ships none). Closing kills both.
 * Shared with the distribution's end-to-end tests (web-server's test jar).
 */
public final class Pebble implements AutoCloseable {
  private static final Path PEBBLE = Path.of("/usr/bin/pebble");
  private static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");

  private final List<Process> processes = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final Path certificate;
  private final int acmePort;
  private final int managementPort;
  private final int dnsManagementPort;

  private Pebble(Path certificate, int acmePort, int managementPort, int dnsManagementPort) {
    this.certificate = certificate;
    this.acmePort = acmePort;
    this.managementPort = managementPort;
    this.dnsManagementPort = dnsManagementPort;
  }

  /** Certificates valid for an hour, names resolved by {@code pebble-challtestsrv}. */
  public static Pebble start(Path work, int httpPort) throws Exception {
    return start(work, httpPort, Duration.ofHours(1), null);
  }

  /**
   * @param validity how long the certificates it issues are valid (whole seconds)
   * @param dnsServer host:port of the DNS server it resolves names and DNS-01 answers through; null
   *     for a {@code pebble-challtestsrv} of its own that answers 127.0.0.1 for every name
   */
  public static Pebble start(Path work, int httpPort, Duration validity, String dnsServer)
      throws Exception {
    if (!Files.isExecutable(PEBBLE) || !Files.isExecutable(CHALLTESTSRV)) {
      throw new IllegalStateException("Pebble is not installed (Debian package pebble)");
    }
    Path certificate = work.resolve("pebble-cert.pem");
    Path key = work.resolve("pebble-key.pem");
    selfSigned(certificate, key);
    Pebble pebble = new Pebble(certificate, freePort(), freePort(), freePort());
    try {
      String dns = dnsServer;
      if (dns == null) {
        dns = "127.0.0.1:" + freePort();
        pebble.run(
            work.resolve("challtestsrv.log"),
            List.of(
                CHALLTESTSRV.toString(),
                "-dns01",
                dns,
                "-http01",
                "",
                "-https01",
                "",
                "-tlsalpn01",
                "",
                "-management",
                "127.0.0.1:" + pebble.dnsManagementPort,
                "-defaultIPv4",
                "127.0.0.1",
                "-defaultIPv6",
                ""));
      }
      Path config = work.resolve("pebble.json");
      Files.writeString(
          config,
          "{\"pebble\": {"
              + "\"listenAddress\": \"127.0.0.1:"
              + pebble.acmePort
              + "\","
              + "\"managementListenAddress\": \"127.0.0.1:"
              + pebble.managementPort
              + "\","
              + "\"certificate\": \""
              + certificate
              + "\","
              + "\"privateKey\": \""
              + key
              + "\","
              + "\"httpPort\": "
              + httpPort
              + ","
              + "\"tlsPort\": "
              + freePort()
              + ","
              + "\"ocspResponderURL\": \"\","
              + "\"externalAccountBindingRequired\": false,"
              + "\"certificateValidityPeriod\": "
              + validity.toSeconds()
              + "}}");
      pebble.run(
          work.resolve("pebble.log"),
          List.of(
              PEBBLE.toString(), "-config", config.toString(), "-dnsserver", dns, "-strict=false"));
      pebble.awaitDirectory();
      return pebble;
    } catch (Exception | AssertionError e) {
      pebble.close();
      throw e;
    }
  }

  /** The ACME directory. */
  public URI directory() {
    return URI.create("https://127.0.0.1:" + acmePort + "/dir");
  }

  /** The PEM of the certificate Pebble's own HTTPS presents (its own issuer). */
  public Path directoryCa() {
    return certificate;
  }

  /** The root that signs the certificates Pebble issues (new at each start of Pebble). */
  public String issuingRootPem() throws Exception {
    return client()
        .send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + "/roots/0"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /**
   * DNS-01 answers in the mock DNS server Pebble resolves through ({@code pebble-challtestsrv}'s
   * {@code /set-txt} and {@code /clear-txt}): the stand-in for our DNS tier in this module.
   */
  Dns01Publisher dns() {
    HttpClient plain = HttpClient.newHttpClient();
    return new Dns01Publisher() {
      @Override
      public void publish(String domain, String digest) {
        post(
            "/set-txt",
            "{\"host\":\"_acme-challenge." + domain + ".\",\"value\":\"" + digest + "\"}");
      }

      @Override
      public void withdraw(String domain, String digest) {
        post("/clear-txt", "{\"host\":\"_acme-challenge." + domain + ".\"}");
      }

      private void post(String path, String json) {
        try {
          int status =
              plain
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + dnsManagementPort + path))
                          .POST(HttpRequest.BodyPublishers.ofString(json))
                          .build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
          if (status != 200) {
            throw new IllegalStateException(path + " answered " + status);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private void run(Path log, List<String> command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Answers at once and never refuses a good nonce: the client's retries are not under test.
    builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
    builder.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
    builder.environment().put("PEBBLE_AUTHZREUSE", "0");
    processes.add(builder.start());
    logs.add(log);
  }

  private void awaitDirectory() throws Exception {
    HttpClient client = client();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        if (client
                .send(
                    HttpRequest.newBuilder(directory()).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // listening soon
      }
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          throw new AssertionError(
              logs.get(i).getFileName()
                  + ": exited with "
                  + processes.get(i).exitValue()
                  + "\n"
                  + Files.readString(logs.get(i)));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Pebble's directory did not answer within 20 s");
      }
      Thread.sleep(100);
    }
  }

  private HttpClient client() throws IOException {
    return HttpClient.newBuilder()
        .sslContext(CaTrustingProvider.sslContextTrusting(certificate))
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  @Override
  public void close() throws Exception {
    for (Process process : processes) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** An EC certificate for 127.0.0.1 and localhost, signed by itself. */
  private static void selfSigned(Path certificateFile, Path keyFile) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = generator.generateKeyPair();
    X500Name name = new X500Name("CN=Pebble for foobar tests");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            BigInteger.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            name,
            key.getPublic());
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.dNSName, "localhost")
            }));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate(
                builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    Files.writeString(certificateFile, pem(certificate));
    Files.writeString(keyFile, Pem.privateKey(key.getPrivate()));
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }

  /** A port below the ephemeral range, free for TCP and UDP on loopback now. */
  public static int freePort() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
          DatagramSocket udp = new DatagramSocket(port, loopback)) {
        return port;
      } catch (IOException taken) {
        // the next one
      }
    }
    throw new IOException("no free port");
  }
}
