package com.foobar.web.acme;

import com.foobar.web.tls.OwnerOnlyFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DNS-01 answers through the stack's own DNS tier, whatever the process layout: each answer is a
 * file in the directory the DNS tier follows (var/acme/dns-01, see the dns-server's {@code
 * AcmeChallengeDirectory}), and {@link #publish} returns only once the DNS tier answers the TXT, so
 * the CA never looks too early. A DNS tier that does not answer within {@link #PATIENCE} (not
 * running on this host, or the name is not in its zones) fails the challenge before the CA is
 * asked.
 */
public final class DnsTierPublisher implements Dns01Publisher {
  public static final Duration PATIENCE = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]+");

  private final Path directory;
  private final InetSocketAddress dnsTier;

  /**
   * @param directory the directory the DNS tier follows
   * @param dnsTier where the DNS tier answers on this host
   */
  public DnsTierPublisher(Path directory, InetSocketAddress dnsTier) {
    this.directory = directory;
    this.dnsTier = dnsTier;
  }

  /**
   * Removes the answers a stopped web tier left in {@code directory}; the DNS tier withdraws them.
   */
  public static void clearLeftovers(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.txt")) {
      for (Path file : files) {
        Files.deleteIfExists(file);
      }
    }
  }

  @Override
  public void publish(String domain, String digest) {
    Name owner = owner(domain);
    try {
      OwnerOnlyFile.write(file(digest), domain.getBytes(StandardCharsets.US_ASCII));
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!answers(owner, digest)) {
        if (System.nanoTime() > deadline) {
          withdraw(domain, digest);
          throw new IllegalArgumentException(
              "the DNS tier at "
                  + dnsTier.getHostString()
                  + ":"
                  + dnsTier.getPort()
                  + " did not answer the DNS-01 TXT at "
                  + owner
                  + " within "
                  + PATIENCE.toSeconds()
                  + " s: is it running on this host, and is "
                  + domain
                  + " in its zones? (its log says)");
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot hand the DNS-01 answer over: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while the DNS tier published", e);
    }
  }

  @Override
  public void withdraw(String domain, String digest) {
    try {
      Files.deleteIfExists(file(digest));
    } catch (IOException e) {
      // the DNS tier answers a stale TXT until the next start clears it: harmless
    }
  }

  private Path file(String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a DNS-01 digest: " + digest);
    }
    return directory.resolve(digest + ".txt");
  }

  private static Name owner(String domain) {
    try {
      return Name.fromString("_acme-challenge." + domain, Name.root);
    } catch (TextParseException e) {
      throw new IllegalArgumentException("'" + domain + "' is not a domain name", e);
    }
  }

  private boolean answers(Name owner, String digest) {
    try {
      SimpleResolver resolver = new SimpleResolver(dnsTier);
      resolver.setTimeout(Duration.ofSeconds(1));
      Message answer =
          resolver.send(Message.newQuery(Record.newRecord(owner, Type.TXT, DClass.IN)));
      if (answer.getRcode() != Rcode.NOERROR) {
        return false;
      }
      for (Record record : answer.getSection(Section.ANSWER)) {
        if (record instanceof TXTRecord txt && txt.getStrings().contains(digest)) {
          return true;
        }
      }
      return false;
    } catch (IOException notYet) {
      return false;
    }
  }
}
