package com.foobar.dns.transfer;

import com.foobar.dns.zone.Zone;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Tells the secondaries that a zone changed (RFC 1996), so they transfer it now rather than at
 * their next refresh. Sent over UDP from one background thread, retried until each target
 * acknowledges or the attempts run out; a silent secondary still refreshes on its own timer.
 */
public final class NotifySender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NotifySender.class);
  private static final int ATTEMPTS = 5;
  private static final int TIMEOUT_MILLIS = 1000;

  private final List<NotifyTarget> targets;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "dns-notify");
            thread.setDaemon(true);
            return thread;
          });

  public NotifySender(List<NotifyTarget> targets) {
    this.targets = List.copyOf(targets);
  }

  /** Queues a NOTIFY for {@code zone} to every target; returns at once. */
  public void zoneChanged(Zone zone) {
    for (NotifyTarget target : targets) {
      sender.execute(() -> notify(zone, target));
    }
  }

  private void notify(Zone zone, NotifyTarget target) {
    Message notify = new Message();
    notify.getHeader().setOpcode(Opcode.NOTIFY);
    notify.getHeader().setFlag(Flags.AA);
    notify.addRecord(Record.newRecord(zone.origin(), Type.SOA, DClass.IN), Section.QUESTION);
    notify.addRecord(zone.soa(), Section.ANSWER); // the new serial, as a hint
    byte[] wire = notify.toWire();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      byte[] buffer = new byte[512];
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        socket.send(new DatagramPacket(wire, wire.length, target.address()));
        try {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          socket.receive(packet);
          Message reply = new Message(ByteBuffer.wrap(buffer, 0, packet.getLength()));
          if (reply.getHeader().getID() == notify.getHeader().getID()
              && reply.getHeader().getOpcode() == Opcode.NOTIFY) {
            log.info(
                "dns: NOTIFY {} serial {} acknowledged by {}",
                zone.origin(),
                zone.soa().getSerial(),
                target.address());
            return;
          }
        } catch (SocketTimeoutException timeout) {
          // send again
        }
      }
      log.warn("dns: NOTIFY {} to {} not acknowledged", zone.origin(), target.address());
    } catch (IOException e) {
      log.warn("dns: NOTIFY {} to {} failed: {}", zone.origin(), target.address(), e.toString());
    }
  }

  @Override
  public void close() {
    sender.shutdownNow();
    try {
      sender.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
