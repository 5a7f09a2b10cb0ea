package backprop.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file all or nothing: the bytes go to a temporary file in the same directory, are forced to
 * the disk, and the temporary file is then moved over the target (atomically where the file system
 * can). If anything fails, the target is as it was and the temporary file is removed. Used for every
 * file the library saves (networks, histories, data files, chart images).
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What writes the content. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code file}, all or nothing; a new file gets rw-r--r--, a replaced one keeps its permissions. */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null,
                    "cannot save " + target.getFileName() + ": the directory does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString(), null,
                    "cannot save: a directory of that name exists");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            permissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The saved file keeps the target's permissions, or gets rw-r--r-- (a temporary file starts as rw-------). */
    private static void permissions(Path tmp, Path target) throws IOException {
        try {
            Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the defaults
        }
    }
}
