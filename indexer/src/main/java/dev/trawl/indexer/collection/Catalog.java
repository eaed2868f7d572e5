package dev.trawl.indexer.collection;

import dev.trawl.indexer.embed.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The collections of one data folder ({@code <data>/collections/<name>/}), opened lazily and
 * kept open until {@link #close()}. All collections share one embedder.
 *
 * <p>Collection names are 1-64 characters of {@code [a-z0-9_-]}, starting with a letter or
 * digit, so a name can never reach outside the data folder. Thread-safe.
 */
public final class Catalog implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  public static final String DEFAULT_COLLECTION = "default";

  private final Path dataDir;
  private final Embedder embedder;
  private final CollectionOptions options;
  private final Map<String, DocumentCollection> open = new ConcurrentHashMap<>();

  public Catalog(Path dataDir, Embedder embedder, CollectionOptions options) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.embedder = embedder;
    this.options = options;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Embedder embedder() {
    return embedder;
  }

  /** @throws IllegalArgumentException saying what a valid name looks like */
  public static String validateName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid collection name '" + name
          + "': use 1-64 lowercase letters, digits, '-' or '_', starting with a letter or digit");
    }
    return name;
  }

  private Path folder(String name) {
    return folder(dataDir, name);
  }

  /**
   * The folder of collection {@code name} in the data folder {@code dataDir}, whether or not it
   * exists; for checks made before a catalog is opened.
   *
   * @throws IllegalArgumentException if the name is invalid ({@link #validateName})
   */
  public static Path folder(Path dataDir, String name) {
    return dataDir.resolve("collections").resolve(validateName(name));
  }

  public boolean exists(String name) {
    return open.containsKey(name) || Files.exists(folder(name).resolve(CollectionManifest.FILE_NAME));
  }

  /**
   * The open collection {@code name}.
   *
   * @throws NoSuchCollectionException if it does not exist
   */
  public DocumentCollection get(String name) {
    validateName(name);
    DocumentCollection c = open.get(name);
    if (c != null) {
      return c;
    }
    if (!exists(name)) {
      throw new NoSuchCollectionException(name, list());
    }
    return openOrCreate(name);
  }

  /** Opens {@code name}, creating it if needed. */
  public DocumentCollection openOrCreate(String name) {
    validateName(name);
    return open.computeIfAbsent(name, n -> {
      try {
        return DocumentCollection.open(n, folder(n), embedder, options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Creates {@code name}; false if it already existed. */
  public boolean create(String name) {
    boolean existed = exists(name);
    openOrCreate(name);
    return !existed;
  }

  /** Names of all collections, sorted. */
  public List<String> list() {
    Path root = dataDir.resolve("collections");
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (var dirs = Files.list(root)) {
        dirs.filter(p -> Files.exists(p.resolve(CollectionManifest.FILE_NAME)))
            .map(p -> p.getFileName().toString())
            .filter(n -> NAME.matcher(n).matches())
            .forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    open.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
    names.sort(null);
    return names;
  }

  /** Closes and deletes {@code name} and its files; false if it did not exist. */
  public boolean delete(String name) throws IOException {
    validateName(name);
    if (!exists(name)) {
      return false;
    }
    DocumentCollection c = open.remove(name);
    if (c != null) {
      c.close();
    }
    Path dir = folder(name);
    // Remove the manifest first: a crash part-way leaves a folder that is no longer listed.
    Files.deleteIfExists(dir.resolve(CollectionManifest.FILE_NAME));
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
    return true;
  }

  /** The collections opened so far (for a shutdown that commits them). */
  public List<DocumentCollection> openCollections() {
    return List.copyOf(open.values());
  }

  /** Closes every open collection (uncommitted writes are rolled back). */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (DocumentCollection c : open.values()) {
      try {
        c.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }
}
