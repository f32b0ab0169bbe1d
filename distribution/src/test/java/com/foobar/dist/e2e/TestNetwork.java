package com.foobar.dist.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test hosts on one machine: a network namespace per host, each with one interface on an Ethernet
 * segment of its network's own (a bridge in a namespace of its own), addressed from 198.51.100.0/24
 * (TEST-NET-2, which exists nowhere else). Nothing is added to the machine's own network, and two
 * networks (two tests at once) share nothing, not even their addresses' meaning. Closing kills
 * every process left in the namespaces and removes them; a run that died before closing is swept by
 * the next one (every name starts with {@code fbmh-<network>-}).
 */
final class TestNetwork implements AutoCloseable {
  private static final Path NETNS_ETC = Path.of("/etc/netns");
  private static final Duration COMMAND = Duration.ofSeconds(20);

  private final String prefix;
  private final String switchNamespace;
  private final Map<String, String> addresses = new LinkedHashMap<>();

  private TestNetwork(String prefix) {
    this.prefix = prefix;
    this.switchNamespace = prefix + "switch";
  }

  /**
   * The segment {@code name} (a few letters) with its switch and no hosts yet; what a previous run
   * left of it is removed first.
   */
  static TestNetwork create(String name) throws Exception {
    String prefix = "fbmh-" + name + "-";
    sweep(prefix);
    TestNetwork network = new TestNetwork(prefix);
    String switchNamespace = network.switchNamespace;
    try {
      ip("netns", "add", switchNamespace);
      ip("-n", switchNamespace, "link", "add", "br0", "type", "bridge");
      ip("-n", switchNamespace, "link", "set", "br0", "up");
    } catch (Exception | AssertionError e) {
      network.close();
      throw e;
    }
    return network;
  }

  /**
   * A host named {@code name} (namespace {@code fbmh-<network>-<name>}) at 198.51.100.{@code
   * number}, its loopback up, with {@code nameserver} (or none) as its resolver's server.
   */
  String addHost(String name, int number, String nameserver) throws Exception {
    String namespace = prefix + name;
    String address = "198.51.100." + number;
    addresses.put(namespace, address);
    ip("netns", "add", namespace);
    String port = "p" + number; // the switch's side of the cable
    ip(
        "-n",
        switchNamespace,
        "link",
        "add",
        port,
        "type",
        "veth",
        "peer",
        "name",
        "eth0",
        "netns",
        namespace);
    ip("-n", switchNamespace, "link", "set", port, "master", "br0", "up");
    ip("-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
    ip("-n", namespace, "link", "set", "eth0", "up");
    ip("-n", namespace, "link", "set", "lo", "up");
    if (nameserver != null) {
      // ip netns exec mounts /etc/netns/<namespace>/resolv.conf over /etc/resolv.conf.
      Path etc = Files.createDirectories(NETNS_ETC.resolve(namespace));
      Files.writeString(
          etc.resolve("resolv.conf"), "nameserver " + nameserver + "\noptions timeout:1\n");
    }
    return namespace;
  }

  /** The command line that runs {@code command} inside the host's namespace. */
  static List<String> inside(String namespace, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    full.addAll(command);
    return full;
  }

  /** Every process in the namespace, SIGKILLed at once, as a host losing power. */
  static void killEverything(String namespace) throws Exception {
    for (int attempt = 0; attempt < 50; attempt++) {
      List<ProcessHandle> processes = processesIn(namespace);
      if (processes.isEmpty()) {
        return;
      }
      processes.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle process : processes) {
        process.onExit().get(10, TimeUnit.SECONDS);
      }
    }
    throw new AssertionError("processes keep appearing in " + namespace);
  }

  private static List<ProcessHandle> processesIn(String namespace) throws Exception {
    List<ProcessHandle> processes = new ArrayList<>();
    for (String pid : run(List.of("ip", "netns", "pids", namespace)).split("\\s+")) {
      if (!pid.isBlank()) {
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(processes::add);
      }
    }
    return processes;
  }

  @Override
  public void close() throws Exception {
    List<String> namespaces = new ArrayList<>(addresses.keySet());
    namespaces.add(switchNamespace);
    for (String namespace : namespaces) {
      remove(namespace);
    }
  }

  /** Removes what an earlier run left behind, whatever state it died in. */
  private static void sweep(String prefix) throws Exception {
    for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
      String namespace = line.split(" ")[0];
      if (namespace.startsWith(prefix)) {
        remove(namespace);
      }
    }
    if (Files.isDirectory(NETNS_ETC)) {
      try (Stream<Path> entries = Files.list(NETNS_ETC)) {
        for (Path left :
            entries.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
          deleteTree(left);
        }
      }
    }
  }

  private static void remove(String namespace) throws Exception {
    if (Files.exists(Path.of("/run/netns", namespace))) {
      killEverything(namespace);
      ip("netns", "del", namespace); // its interfaces go with it, the veth peers too
    }
    deleteTree(NETNS_ETC.resolve(namespace));
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static void ip(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip"));
    command.addAll(List.of(arguments));
    run(command);
  }

  /** Runs a command to its end: its output, or an AssertionError with it if it failed. */
  static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(COMMAND.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " still running after " + COMMAND);
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new AssertionError(command + " failed (exit " + process.exitValue() + "): " + text);
    }
    return text;
  }
}
