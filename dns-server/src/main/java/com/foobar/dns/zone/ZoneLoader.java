package com.foobar.dns.zone;

import com.foobar.dns.ZoneFileException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;

/**
 * Reads RFC 1035 master files with dnsjava's {@link Master} and turns them into validated {@link
 * Zone}s. Every error becomes a {@link ZoneFileException} naming the file and, where there is one,
 * the line.
 */
public final class ZoneLoader {
  /** Zone files are {@code <origin>.zone}: {@code foobar.com.zone} serves {@code foobar.com.}. */
  public static final String SUFFIX = ".zone";

  // dnsjava's tokenizer reports "<filename>:<line>: <message>"; we re-state it with the full path.
  private static final Pattern TOKENIZER_MESSAGE =
      Pattern.compile("^.*?:(\\d+): (.*)$", Pattern.DOTALL);

  /**
   * Loads every {@code *.zone} file of a directory.
   *
   * @throws ZoneFileException if the directory is missing or holds no zone file, or a zone file
   *     cannot be served
   */
  public ZoneSet loadDirectory(Path directory) {
    return loadDirectory(directory, false);
  }

  /**
   * @param mayBeEmpty whether a directory without zone files is fine: a server that is only a
   *     secondary has none of its own
   */
  public ZoneSet loadDirectory(Path directory, boolean mayBeEmpty) {
    if (!Files.isDirectory(directory)) {
      throw new ZoneFileException(directory + ": zone directory does not exist");
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      throw new ZoneFileException(directory + ": cannot list zone directory: " + e.getMessage(), e);
    }
    if (files.isEmpty() && !mayBeEmpty) {
      throw new ZoneFileException(
          directory + ": no zone files (*" + SUFFIX + ") in the zone directory");
    }
    files.sort(null); // deterministic order, so the same directory always reports the same error
    List<Zone> zones = new ArrayList<>();
    for (Path file : files) {
      Zone zone = loadFile(file);
      for (Zone other : zones) {
        if (other.origin().equals(zone.origin())) {
          throw new ZoneFileException(
              file + ": zone " + zone.origin() + " is already loaded from another file");
        }
      }
      zones.add(zone);
    }
    return new ZoneSet(zones);
  }

  /**
   * Loads one zone file; its origin is the file name minus {@link #SUFFIX}.
   *
   * @throws ZoneFileException if the file cannot be read, parsed or served
   */
  public Zone loadFile(Path file) {
    Name origin = originOf(file);
    List<ZoneRecord> records = parse(file, origin);
    return new ZoneValidator(file, origin).validate(records);
  }

  static Name originOf(Path file) {
    String fileName = file.getFileName().toString();
    if (!fileName.toLowerCase(Locale.ROOT).endsWith(SUFFIX)) {
      throw new ZoneFileException(file + ": a zone file name must end in " + SUFFIX);
    }
    String base = fileName.substring(0, fileName.length() - SUFFIX.length());
    if (base.isEmpty() || base.startsWith(".")) {
      throw new ZoneFileException(file + ": the file name does not name a zone");
    }
    try {
      return Name.fromString(base.endsWith(".") ? base : base + ".");
    } catch (TextParseException e) {
      throw new ZoneFileException(
          file + ": the file name is not a valid zone name: " + e.getMessage(), e);
    }
  }

  private static List<ZoneRecord> parse(Path file, Name origin) {
    List<ZoneRecord> records = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        LineCountingStream in = new LineCountingStream(raw);
        Master master = new Master(in, origin)) {
      // $INCLUDE would read files outside the zone directory and break line accounting; a zone
      // here is one self-contained file (which NSD, Knot and BIND load unchanged).
      master.disableIncludes(true);
      while (true) {
        Record record;
        try {
          record = master.nextRecord();
        } catch (TextParseException e) {
          throw syntaxError(file, in.lineOfLastRecord(), e);
        } catch (IOException e) {
          throw new ZoneFileException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
          // dnsjava throws IllegalArgumentException & co. for some values out of range.
          throw new ZoneFileException(
              file + " line " + in.lineOfLastRecord() + ": " + e.getMessage(), e);
        }
        if (record == null) {
          return records;
        }
        records.add(new ZoneRecord(record, in.lineOfLastRecord()));
      }
    } catch (IOException e) {
      throw new ZoneFileException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static ZoneFileException syntaxError(Path file, int fallbackLine, TextParseException e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = TOKENIZER_MESSAGE.matcher(message);
    if (m.matches()) {
      return new ZoneFileException(file + " line " + m.group(1) + ": " + m.group(2), e);
    }
    return new ZoneFileException(file + " line " + fallbackLine + ": " + message, e);
  }
}
