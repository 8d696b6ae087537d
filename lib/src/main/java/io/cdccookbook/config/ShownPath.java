package io.cdccookbook.config;

import java.nio.file.Path;

/** How the cookbook prints a path: relative to the working directory when it is under it, as a user types it. */
public final class ShownPath {

    private ShownPath() {
    }

    public static String of(Path path) {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute).toString() : path.toString();
    }
}
