package com.foobar.web.acme;

import com.foobar.web.tls.Pem;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Security;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * Obtains a certificate for a list of names from an ACME CA (RFC 8555) by HTTP-01, answered by this
 * web tier's {@link Http01Challenges}, or by DNS-01 through a {@link Dns01Publisher} (wildcards):
 * the account (its key kept in a file, made on first use), an order, each pending authorization's
 * challenge published, triggered and waited for, then the order finalized with a fresh key and the
 * chain downloaded. Each token is withdrawn once its challenge is decided, whatever the outcome.
 */
public final class AcmeIssuer {
  private static final Duration DECISION = Duration.ofSeconds(60);

  private final URI directory;
  private final Path directoryCa; // null: the JVM's trust store (a public CA)
  private final String contact; // mailto:…, or null
  private final Path accountKeyFile;
  private final Http01Challenges challenges;
  private final Dns01Publisher dns; // null: HTTP-01 only, no wildcard names

  /**
   * @param directory the CA's directory URL, e.g. https://acme-v02.api.letsencrypt.org/directory
   * @param directoryCa a PEM file of the CA certificates that sign the directory's own HTTPS, or
   *     null for the JVM's trust store
   * @param contact an e-mail address for the account, or null
   * @param accountKeyFile where the account's key pair is kept (owner-only), made when missing
   */
  public AcmeIssuer(
      URI directory,
      Path directoryCa,
      String contact,
      Path accountKeyFile,
      Http01Challenges challenges) {
    this(directory, directoryCa, contact, accountKeyFile, challenges, null);
  }

  /**
   * With DNS-01 too: for wildcard names, which only it can validate, and for every name when {@code
   * challenges} is null.
   */
  public AcmeIssuer(
      URI directory,
      Path directoryCa,
      String contact,
      Path accountKeyFile,
      Http01Challenges challenges,
      Dns01Publisher dns) {
    this.directory = directory;
    this.directoryCa = directoryCa;
    this.contact = contact;
    this.accountKeyFile = accountKeyFile;
    this.challenges = challenges;
    this.dns = dns;
  }

  /** A certificate chain (leaf first, PEM) and its private key (PEM). */
  public record Issued(String chainPem, String keyPem) {}

  /**
   * @throws AcmeFailure naming the CA's refusal (an invalid challenge, a refused order) or why the
   *     CA could not be reached
   */
  public Issued obtain(List<String> names) {
    // Refused before any order: the CA's rate limits count failed validations too.
    for (String name : names) {
      if (name.startsWith("*.") && dns == null) {
        throw new AcmeFailure(name + " needs DNS-01, and no DNS server answers it here");
      }
    }
    if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
      Security.addProvider(new BouncyCastleProvider()); // acme4j's CSR and key helpers need it
    }
    try {
      Session session =
          directoryCa == null
              ? new Session(directory)
              : new Session(directory, CaTrustingProvider.trusting(directoryCa));
      AccountBuilder account =
          new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey());
      if (contact != null) {
        account.addEmail(contact);
      }
      Login login = account.createLogin(session);
      Order order = login.newOrder().domains(names).create();
      for (Authorization authorization : order.getAuthorizations()) {
        if (authorization.getStatus() != Status.VALID) {
          answer(authorization);
        }
      }
      if (AcmePolling.until(order, Set.of(Status.READY, Status.INVALID), DECISION)
          != Status.READY) {
        throw new AcmeFailure(
            "the order for " + names + " is not ready: " + problem(order.getError()));
      }
      KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
      order.execute(domainKey);
      if (AcmePolling.until(order, Set.of(Status.VALID, Status.INVALID), DECISION)
          != Status.VALID) {
        throw new AcmeFailure(
            "the CA refused the order for " + names + ": " + problem(order.getError()));
      }
      StringWriter chain = new StringWriter();
      order.getCertificate().writeCertificate(chain);
      return new Issued(chain.toString(), Pem.privateKey(domainKey.getPrivate()));
    } catch (AcmeException | IOException e) {
      throw new AcmeFailure("ACME with " + directory + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AcmeFailure("ACME with " + directory + ": interrupted", e);
    }
  }

  private void answer(Authorization authorization) throws AcmeException, InterruptedException {
    String name = authorization.getIdentifier().getDomain();
    if (authorization.isWildcard() || challenges == null) {
      answerByDns(authorization, name);
    } else {
      answerByHttp(authorization, name);
    }
  }

  private void answerByHttp(Authorization authorization, String name)
      throws AcmeException, InterruptedException {
    Http01Challenge challenge =
        authorization
            .findChallenge(Http01Challenge.class)
            .orElseThrow(() -> new AcmeFailure("the CA offers no HTTP-01 challenge for " + name));
    challenges.publish(challenge.getToken(), challenge.getAuthorization());
    try {
      decide(challenge, name, "HTTP-01");
    } finally {
      challenges.withdraw(challenge.getToken());
    }
  }

  private void answerByDns(Authorization authorization, String name)
      throws AcmeException, InterruptedException {
    String shown = (authorization.isWildcard() ? "*." : "") + name;
    if (dns == null) {
      throw new AcmeFailure(shown + " needs DNS-01, and no DNS server answers it here");
    }
    Dns01Challenge challenge =
        authorization
            .findChallenge(Dns01Challenge.class)
            .orElseThrow(() -> new AcmeFailure("the CA offers no DNS-01 challenge for " + shown));
    dns.publish(name, challenge.getDigest());
    try {
      decide(challenge, shown, "DNS-01");
    } finally {
      dns.withdraw(name, challenge.getDigest());
    }
  }

  private static void decide(Challenge challenge, String name, String how)
      throws AcmeException, InterruptedException {
    challenge.trigger();
    if (AcmePolling.until(challenge, Set.of(Status.VALID, Status.INVALID), DECISION)
        != Status.VALID) {
      throw new AcmeFailure(
          "the CA could not validate "
              + name
              + " by "
              + how
              + ": "
              + problem(challenge.getError()));
    }
  }

  private KeyPair accountKey() throws IOException {
    return KeyFiles.readOrCreate(accountKeyFile, () -> KeyPairUtils.createECKeyPair("secp384r1"));
  }

  private static String problem(Optional<Problem> problem) {
    return problem.map(p -> p.getDetail().orElse(p.getType().toString())).orElse("no reason given");
  }

  /** A refusal or an unreachable CA, with the reason in its message. */
  public static final class AcmeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AcmeFailure(String message) {
      super(message);
    }

    AcmeFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
