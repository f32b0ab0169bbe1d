package com.foobar.dist.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What an operator hands to {@code foobar deploy}: a {@code .war} file or an exploded web
 * application directory, checked before anything is copied. A web application is what the Servlet
 * specification says it is: a {@code WEB-INF/} directory (with {@code web.xml}, classes or
 * libraries); anything else is refused with what is missing.
 *
 * @param path the file or directory as given
 * @param archive whether it is a {@code .war} (zip) file rather than a directory
 * @param application {@code Implementation-Title} of its manifest, else its file name without the
 *     version and {@code .war} ({@code shop} for {@code shop-1.4.2.war}): what names its database
 * @param version {@code Implementation-Version} of its manifest, else the version in its file name
 *     ({@code shop-1.4.2.war}), else {@code unversioned}
 */
public record WebAppSource(Path path, boolean archive, String application, String version) {
  private static final Pattern VERSION_IN_NAME =
      Pattern.compile("-(\\d[0-9A-Za-z.+_-]*?)(\\.war)?$");

  /**
   * @throws ReleaseException naming the file and what is wrong with it
   */
  public static WebAppSource inspect(Path path) {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return directory(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new ReleaseException(path + ": no such file or directory");
    }
    return archive(path);
  }

  private static WebAppSource directory(Path directory) {
    if (!Files.isDirectory(directory.resolve("WEB-INF"), LinkOption.NOFOLLOW_LINKS)) {
      throw new ReleaseException(
          directory + ": not a web application (no WEB-INF/ directory in it)");
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files
          .filter(Files::isSymbolicLink)
          .findFirst()
          .ifPresent(
              link -> {
                // A link would be copied as what it points to, which may be outside the directory.
                throw new ReleaseException(
                    directory + ": " + directory.relativize(link) + " is a symbolic link");
              });
    } catch (IOException e) {
      throw new ReleaseException(directory + ": cannot read it (" + e.getMessage() + ")", e);
    }
    Manifest manifest = null;
    Path manifestFile = directory.resolve("META-INF/MANIFEST.MF");
    if (Files.isRegularFile(manifestFile)) {
      try (InputStream in = Files.newInputStream(manifestFile)) {
        manifest = new Manifest(in);
      } catch (IOException e) {
        throw new ReleaseException(manifestFile + ": unreadable manifest (" + e.getMessage() + ")");
      }
    }
    return new WebAppSource(
        directory, false, application(manifest, directory), version(manifest, directory));
  }

  private static WebAppSource archive(Path file) {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".war")) {
      throw new ReleaseException(file + ": not a web application (a .war file or a directory)");
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      boolean webInf = false;
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        ArchiveEntries.check(file, entry.getName());
        webInf |= entry.getName().startsWith("WEB-INF/");
      }
      if (!webInf) {
        throw new ReleaseException(file + ": not a web application (no WEB-INF/ in the archive)");
      }
      Manifest manifest = null;
      ZipEntry manifestEntry = zip.getEntry("META-INF/MANIFEST.MF");
      if (manifestEntry != null) {
        try (InputStream in = zip.getInputStream(manifestEntry)) {
          manifest = new Manifest(in);
        }
      }
      return new WebAppSource(file, true, application(manifest, file), version(manifest, file));
    } catch (java.util.zip.ZipException e) {
      throw new ReleaseException(file + ": a corrupt archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new ReleaseException(file + ": cannot read it (" + e.getMessage() + ")", e);
    }
  }

  private static String application(Manifest manifest, Path path) {
    return declared(manifest, "Implementation-Title")
        .orElseGet(
            () -> {
              String name = path.getFileName().toString();
              Matcher inName = VERSION_IN_NAME.matcher(name);
              String bare = inName.find() ? name.substring(0, inName.start()) : name;
              bare = bare.replaceFirst("(?i)\\.war$", "");
              return bare.isEmpty() ? "app" : bare;
            });
  }

  private static String version(Manifest manifest, Path path) {
    return declared(manifest, "Implementation-Version")
        .orElseGet(
            () -> {
              Matcher inName = VERSION_IN_NAME.matcher(path.getFileName().toString());
              return inName.find() ? inName.group(1) : "unversioned";
            });
  }

  private static Optional<String> declared(Manifest manifest, String attribute) {
    String value = manifest == null ? null : manifest.getMainAttributes().getValue(attribute);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
