package com.foobar.dist.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.foobar.web.TlsProbe;
import com.foobar.web.acme.Pebble;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The package as an operator runs it with {@code web.https.acme.*} set, against a real ACME CA
 * (Pebble) that resolves and validates through the stack itself (its {@code -dnsserver} is our DNS
 * tier): {@code foobar run} serves the self-signed certificate, then the CA's for www, the apex
 * (HTTP-01 on our port 80) and a wildcard (DNS-01 through our DNS tier), which curl verifies
 * against Pebble's root; the TXT is gone once the order is done; {@code foobar status} and the
 * metrics show it; the files are owner-only.
 */
class ManagedCertificateIT {
  private static final Path DIST = Path.of(System.getProperty("foobar.dist.dir", "target/foobar"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final String ZONE =
      String.join(
          "\n",
          "$ORIGIN foobar.test.",
          "$TTL 300",
          "@ IN SOA ns1.foobar.test. hostmaster.foobar.test. 1 7200 3600 1209600 300",
          "@ IN NS ns1.foobar.test.",
          "@ IN A 127.0.0.1",
          "ns1 IN A 127.0.0.1",
          "www IN CNAME foobar.test.",
          "* IN A 127.0.0.1",
          "");

  @Test
  void obtainsAndRenewsTheSitesCertificateThroughItsOwnWebAndDnsTiers() throws Exception {
    Path home =
        PackageCopy.make(
            DIST,
            Files.createTempDirectory(Files.createDirectories(Path.of("target/e2e")), "acme-")
                .toAbsolutePath());
    Path zones = Files.createDirectories(home.resolve("conf/test-zones"));
    Files.writeString(zones.resolve("foobar.test.zone"), ZONE);
    StackPorts ports = StackPorts.free();
    // Renewal (short-lived certificates, an open connection) is web-server's ManagedCertificateIT.
    try (Pebble pebble =
        Pebble.start(home, ports.web(), Duration.ofHours(1), "127.0.0.1:" + ports.dns())) {
      PackageCopy.set(home, "dns.zones", zones.toString());
      PackageCopy.set(home, "web.canonical-host", "www.foobar.test");
      PackageCopy.set(home, "web.host-aliases", "foobar.test");
      PackageCopy.set(home, "web.https.acme.directory", pebble.directory().toString());
      PackageCopy.set(home, "web.https.acme.directory-ca", pebble.directoryCa().toString());
      PackageCopy.set(home, "web.https.acme.agree-terms", "true");
      PackageCopy.set(home, "web.https.acme.contact", "hostmaster@foobar.test");
      PackageCopy.set(home, "web.https.acme.names", "www.foobar.test, foobar.test, *.foobar.test");
      List<String> run = new ArrayList<>(List.of("run"));
      run.addAll(ports.settings());
      try (StackProcess stack = StackProcess.start(home, home.resolve("logs"), run)) {
        stack.awaitLine("stack up in", START_TIMEOUT);
        Path root = home.resolve("pebble-root.pem");
        Files.writeString(root, pebble.issuingRootPem());

        Await.until(
            "curl verifies www.foobar.test against Pebble's root",
            Duration.ofSeconds(60),
            () -> curl(root, ports.https(), "www.foobar.test").equals("200"));
        // The wildcard's names (DNS-01) verify too; the alias is sent on to the canonical name.
        assertThat(curl(root, ports.https(), "shop.foobar.test")).isEqualTo("200");
        assertThat(curl(root, ports.https(), "foobar.test")).isEqualTo("301");

        X509Certificate first = served(home);
        assertThat(first.getSubjectAlternativeNames())
            .extracting(name -> (Object) name.get(1))
            .containsExactlyInAnyOrder((Object) "www.foobar.test", "foobar.test", "*.foobar.test");
        // The challenge answers were withdrawn once the order was done (the zone's wildcard A
        // still matches the name, with no TXT).
        assertThat(txt(ports.dns(), "_acme-challenge.foobar.test.")).isEmpty();
        try (var left = Files.list(home.resolve("var/acme/dns-01"))) {
          assertThat(left).isEmpty();
        }
        for (String file : List.of("account.key", "certificate.pem")) {
          assertThat(
                  PosixFilePermissions.toString(
                      Files.getPosixFilePermissions(home.resolve("var/acme").resolve(file))))
              .isEqualTo("rw-------");
        }

        List<String> statusCommand = new ArrayList<>(List.of("status"));
        statusCommand.addAll(ports.settings());
        FoobarCommand status = FoobarCommand.run(home, Duration.ofSeconds(60), statusCommand);
        assertThat(status.output())
            .contains("certificate expires ")
            .contains(" from " + first.getIssuerX500Principal().getName());
        assertThat(metrics(ports.admin())).contains("foobar_web_acme_certificates_total 1.0");

        assertThat(TlsProbe.peerCertificate(ports.https(), "TLSv1.3")).isEqualTo(first);
        assertThat(metrics(ports.admin())).contains("foobar_web_acme_failures_total 0.0");
        assertThat(stack.stop(Duration.ofSeconds(60))).isIn(0, 143);
      }
    }
  }

  /**
   * curl with Pebble's root as its only CA, the name resolved to 127.0.0.1: the HTTP status, or why
   * it failed (the chain did not verify).
   */
  private static String curl(Path root, int port, String host) throws Exception {
    Process curl =
        new ProcessBuilder(
                "curl",
                "-sS",
                "-o",
                "/dev/null",
                "--max-time",
                "10",
                "--cacert",
                root.toString(),
                "--resolve",
                host + ":" + port + ":127.0.0.1",
                "-w",
                "%{http_code}",
                "https://" + host + ":" + port + "/")
            .redirectErrorStream(true)
            .start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!curl.waitFor(20, TimeUnit.SECONDS)) {
      curl.destroyForcibly();
      return "curl did not finish";
    }
    return output.strip();
  }

  private static X509Certificate served(Path home) throws Exception {
    String file = Files.readString(home.resolve("var/acme/certificate.pem"));
    String chain = file.substring(file.indexOf("-----BEGIN CERTIFICATE-----"));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)));
  }

  private static List<Record> txt(int port, String name) throws Exception {
    SimpleResolver resolver = new SimpleResolver("127.0.0.1");
    resolver.setPort(port);
    Message answer =
        resolver.send(
            Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.IN)));
    assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
    return answer.getSection(Section.ANSWER);
  }

  private static String metrics(int adminPort) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
