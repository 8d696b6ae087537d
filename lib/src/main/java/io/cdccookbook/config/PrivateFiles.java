package io.cdccookbook.config;

import io.cdccookbook.CookbookException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The state folder and what the cookbook writes into it (passwords, tokens, state files) are readable by
 * the user only: folders 0700, files 0600. On file systems without POSIX permissions (Windows) the folder's
 * own access rules apply.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) for the user only, and takes group and others off an existing one. */
    public static Path folder(Path dir) {
        try {
            Path absolute = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                if (absolute.getParent() != null) {
                    folderIfMissing(absolute.getParent());
                }
                try {
                    Files.createDirectory(absolute, attributes(FOLDER));
                } catch (FileAlreadyExistsException raced) {
                    // another command made it first
                }
            }
            restrict(absolute, FOLDER);
            return absolute;
        } catch (IOException e) {
            throw new CookbookException("Cannot create the folder " + dir + ": " + e.getMessage(),
                    "Check that you may write there, or point CDC_STATE_DIR at another folder.", e);
        }
    }

    private static void folderIfMissing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (dir.getParent() != null) {
                folderIfMissing(dir.getParent());
            }
            try {
                Files.createDirectory(dir, attributes(FOLDER));
            } catch (FileAlreadyExistsException raced) {
                // fine
            }
        }
    }

    /** Writes {@code text} into {@code file} at once (readers see the old or the new content), for the user only. */
    public static void write(Path file, String text) {
        try {
            folder(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", attributes(FILE));
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                restrict(tmp, FILE);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CookbookException("Cannot write " + file + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * The secret kept in {@code file}; the first caller generates it (256 random bits, URL-safe Base64: no
     * quotes or spaces, so it fits SQL, URLs and headers as it is). Two processes racing get the same one.
     * Registered with the {@link Redactor}, so it never prints.
     */
    public static String secret(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                byte[] bytes = new byte[32];
                RANDOM.nextBytes(bytes);
                String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                folder(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", attributes(FILE));
                try {
                    Files.writeString(tmp, generated, StandardCharsets.UTF_8);
                    restrict(tmp, FILE);
                    // The first one wins: link(2) fails when the name exists, where an atomic move (rename(2)) would
                    // replace it, after a racing command had read the first secret and made a server's password of it.
                    try {
                        Files.createLink(file, tmp);
                    } catch (UnsupportedOperationException noHardLinks) {
                        Files.move(tmp, file); // fails, too, when the name exists
                    }
                } catch (FileAlreadyExistsException raced) {
                    // another command made it meanwhile: theirs is the one
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            restrict(file, FILE);
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.isEmpty()) {
                throw new CookbookException("The secret file " + file + " is empty.", "Delete it: the next command makes a new one.");
            }
            Redactor.register(secret);
            return secret;
        } catch (IOException e) {
            throw new CookbookException("Cannot read or create the secret file " + file + ": " + e.getMessage(), null, e);
        }
    }

    /** An empty file for the user only (a lock file), made unless it is there; returns it. */
    public static Path emptyFile(Path file) {
        try {
            folder(file.getParent());
            try {
                Files.createFile(file, attributes(FILE));
            } catch (FileAlreadyExistsException there) {
                restrict(file, FILE);
            }
            return file;
        } catch (IOException e) {
            throw new CookbookException("Cannot create " + file + ": " + e.getMessage(), null, e);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return posix() ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
