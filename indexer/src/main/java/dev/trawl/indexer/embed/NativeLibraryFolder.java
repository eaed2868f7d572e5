package dev.trawl.indexer.embed;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removes the folder ONNX Runtime extracts its native libraries into when the JVM exits.
 *
 * <p>ONNX Runtime's Java binding copies its {@code .so} files into a fresh
 * {@code $TMPDIR/onnxruntime-java<random>} folder and marks the files and the folder
 * {@code deleteOnExit}, folder last; the JDK deletes in reverse order of marking, so it tries the
 * folder while the files are still in it, and every process leaves an empty folder behind (one per
 * CLI command, measured: 336 on a development machine after two days). The binding keeps the
 * folder in a private static field, {@code ai.onnxruntime.OnnxRuntime.tempDirectory}; this reads
 * it once the runtime has loaded and deletes the folder and its files from a shutdown hook
 * (unlinking a loaded library is allowed on Linux and macOS). If a future binding renames the field
 * or has no folder, nothing happens: the cost is the same empty folder as before.
 */
final class NativeLibraryFolder {
  private static boolean registered; // guarded by the class lock

  private NativeLibraryFolder() {}

  /** Registers the clean-up once per JVM; call after {@code OrtEnvironment.getEnvironment()}. */
  static synchronized void removeOnExit() {
    if (registered) {
      return;
    }
    registered = true;
    Path folder = extractedFolder();
    if (folder != null) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "trawl-onnxruntime-cleanup"));
    }
  }

  /** The folder the binding extracted into, or null if unknown. */
  static Path extractedFolder() {
    try {
      Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
      field.setAccessible(true);
      Object value = field.get(null);
      return value instanceof Path p && p.getFileName().toString().startsWith("onnxruntime-java") ? p : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // best effort at exit: a folder left behind is harmless
    }
  }
}
