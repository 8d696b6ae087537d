package io.cdccookbook.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** What tests check of the files {@link io.cdccookbook.config.PrivateFiles} writes. */
public final class FilePermissions {

    private FilePermissions() {
    }

    /** Whether a folder or file is the user's alone (true where permissions are not POSIX). */
    public static boolean isPrivate(Path path) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
            return true;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        return permissions.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }
}
