package org.guarantor.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.guarantor.store.JdbcEventLog;

/**
 * What a {@code serve} is about to create in its data folder, so that a start that fails removes it
 * again instead of leaving an empty database that the next start would take for a log. Only a
 * database this start created is removed: a folder that already held one is left exactly as it is,
 * whatever the start did.
 */
final class FreshDatabase {
  static final FreshDatabase NONE = new FreshDatabase(null, false, Set.of());

  private final Path folder;
  private final boolean folderExisted;
  private final Set<Path> before;

  private FreshDatabase(Path folder, boolean folderExisted, Set<Path> before) {
    this.folder = folder;
    this.folderExisted = folderExisted;
    this.before = before;
  }

  /** Notes the folder's content before a start; {@link #NONE} when it already holds a database. */
  static FreshDatabase before(Path folder) {
    if (Files.exists(folder.resolve(JdbcEventLog.SQLITE_FILE_NAME))) {
      return NONE;
    }
    if (!Files.isDirectory(folder)) {
      return new FreshDatabase(folder, false, Set.of());
    }
    try (Stream<Path> files = Files.list(folder)) {
      return new FreshDatabase(folder, true, new HashSet<>(files.toList()));
    } catch (IOException e) {
      return NONE;
    }
  }

  /** Removes what appeared since {@link #before}: the folder itself if it was not there. */
  void remove() {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try {
      if (!folderExisted) {
        deleteTree(folder);
        return;
      }
      List<Path> now;
      try (Stream<Path> files = Files.list(folder)) {
        now = files.toList();
      }
      for (Path p : now) {
        if (!before.contains(p)) {
          deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove what the failed start created in " + folder, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
