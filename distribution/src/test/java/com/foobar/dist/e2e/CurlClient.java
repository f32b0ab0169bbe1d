package com.foobar.dist.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * curl on a test host, as a user's client: each request a new curl that resolves the name through
 * the host's resolver (our DNS), tries the next address when a connection fails, and retries what
 * failed in transit (a reset, a 502/503/504) as {@code --retry} does. Only idempotent requests go
 * through it: GETs, and POSTs with an Idempotency-Key, which the API answers once.
 */
final class CurlClient {
  private static final int MAX_SECONDS = 20;

  private final String namespace;
  private final Path scratch;

  CurlClient(String namespace, Path scratch) {
    this.namespace = namespace;
    this.scratch = scratch;
  }

  /** What the last attempt got: {@code status} 0 when curl had no HTTP answer ({@code error}). */
  record Reply(int status, String webHost, String body, String error) {}

  Reply get(String url) throws Exception {
    return send(url, List.of());
  }

  Reply post(String url, String json, String idempotencyKey) throws Exception {
    return send(
        url,
        List.of(
            "-H",
            "Content-Type: application/json",
            "-H",
            "Idempotency-Key: " + idempotencyKey,
            "--data-binary",
            json));
  }

  private Reply send(String url, List<String> request) throws Exception {
    Path body = Files.createTempFile(scratch, "body", ".json");
    try {
      List<String> curl =
          new ArrayList<>(
              List.of(
                  "curl",
                  "-sS",
                  "--connect-timeout",
                  "2",
                  "--max-time",
                  "5",
                  "--retry",
                  "4",
                  "--retry-all-errors",
                  "--retry-max-time",
                  "15",
                  "-o",
                  body.toString(),
                  "-w",
                  "%{http_code} %{remote_ip}"));
      curl.addAll(request);
      curl.add(url);
      Process process =
          new ProcessBuilder(TestNetwork.inside(namespace, curl))
              .redirectErrorStream(false)
              .start();
      process.getOutputStream().close();
      String written = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(MAX_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Reply(0, "", "", "curl still running after " + MAX_SECONDS + " s");
      }
      String[] parts = written.strip().split(" ", 2);
      int status = parts[0].matches("\\d{3}") ? Integer.parseInt(parts[0]) : 0;
      return new Reply(
          status,
          parts.length > 1 ? parts[1] : "",
          Files.readString(body),
          process.exitValue() == 0
              ? ""
              : "curl exit " + process.exitValue() + ": " + error.strip());
    } finally {
      Files.deleteIfExists(body);
    }
  }
}
