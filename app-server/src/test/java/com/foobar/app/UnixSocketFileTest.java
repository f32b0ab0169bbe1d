package com.foobar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketFileTest {
  @TempDir Path dir;

  @Test
  void makesItsDirectoryForThisUserAlone() throws IOException {
    Path socket = dir.resolve("var/run/app-8081.sock");
    assertThat(UnixSocketFile.prepare(socket)).isEqualTo(socket);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void removesTheSocketOfAnInstanceThatWasKilled() throws IOException {
    Path socket = dir.resolve("app-8081.sock");
    ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    killed.bind(UnixDomainSocketAddress.of(socket));
    killed.close(); // the file stays, as after SIGKILL
    assertThat(socket).exists();

    UnixSocketFile.prepare(socket);
    assertThat(socket).doesNotExist();
  }

  @Test
  void refusesASocketAnotherProcessListensOn() throws IOException {
    Path socket = dir.resolve("app-8081.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));
      assertThatThrownBy(() -> UnixSocketFile.prepare(socket))
          .hasMessage("app: " + socket + " is in use by another process");
      assertThat(socket).exists();
    }
  }

  @Test
  void refusesToReplaceAFileThatIsNotASocket() throws IOException {
    Path file = Files.writeString(dir.resolve("app-8081.sock"), "operator's notes");
    assertThatThrownBy(() -> UnixSocketFile.prepare(file))
        .hasMessage("app: " + file + " exists and is not a socket: not replaced");
    assertThat(file).hasContent("operator's notes");
  }
}
