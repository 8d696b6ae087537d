package io.cdccookbook.config;

import io.cdccookbook.CookbookException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A settings file on disk: where a checkout ends (the search for {@code cdc.properties} stops there), whether a
 * file may be used at all (a regular file of the user's own that no one else may change, as ssh asks of its
 * configuration), and its KEY=VALUE lines, each with its line number for errors.
 */
final class SettingsFile {

    private SettingsFile() {
    }

    /** The nearest folder at or above {@code dir} that is a checkout's root, or null. */
    static Path checkoutRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git")) || Files.isRegularFile(d.resolve("jbang-catalog.json"))) {
                return d;
            }
        }
        return null;
    }

    /** A settings file may be used: a regular file, the user's own, that no one else may change. */
    static void check(Path file, String how, boolean fromCommandLine) {
        Path shown = file.toAbsolutePath().normalize();
        String pointAt = "--config" + " (or " + Settings.CONFIG_ENV + ")";
        if (Files.isDirectory(file)) {
            throw new SettingException("Configuration file " + shown + " is a folder, not a settings file.",
                    "Point " + pointAt + " at the file itself, e.g. " + file.resolve(Settings.FILE_NAME) + ".", fromCommandLine);
        }
        if (!Files.exists(file)) {
            throw new SettingException("Configuration file " + shown + " does not exist.",
                    "Copy cdc.properties.example to that path, or point " + pointAt + " at your file.", fromCommandLine);
        }
        if (!Files.isRegularFile(file)) {
            throw new SettingException("Configuration file " + shown + " is not a regular file (a device, a pipe or a socket).",
                    "Point " + pointAt + " at a KEY=VALUE file like cdc.properties.example.", fromCommandLine);
        }
        try {
            if (!Files.getFileStore(file).supportsFileAttributeView("unix")) {
                return; // no POSIX owners and modes (Windows): the folder's own access rules apply
            }
            for (LinkOption[] links : List.of(new LinkOption[]{LinkOption.NOFOLLOW_LINKS}, new LinkOption[0])) {
                int owner = (Integer) Files.getAttribute(file, "unix:uid", links);
                if (owner != 0 && !isCurrentUser(owner, file, links)) {
                    String name = Files.getOwner(file, links).getName();
                    throw new SettingException("Settings file " + shown + " (" + how + ") belongs to " + name
                            + ", not to you: the cookbook reads only your own settings files.",
                            "If it is yours, take it back (chown \"$(id -un)\" " + shown + "); if not, delete it, or name your own with --config.",
                            false);
                }
            }
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new SettingException("Settings file " + shown + " (" + how + ") is one that other users can change (mode "
                        + PosixFilePermissions.toString(mode) + "): the cookbook does not read it.",
                        "Make it yours alone: chmod go-w " + shown + " (chmod 600 " + shown + " keeps its passwords private too).", false);
            }
            // as ssh asks: nor may anyone else change a folder on the way to it, or they could swap the file for theirs
            // between this check and the read (a sticky folder such as /tmp is fine: others cannot rename what is ours)
            for (Path folder : List.of(file.toAbsolutePath().getParent(), file.toRealPath().getParent())) {
                for (Path d = folder; d != null; d = d.getParent()) {
                    int owner = (Integer) Files.getAttribute(d, "unix:uid");
                    int bits = (Integer) Files.getAttribute(d, "unix:mode");
                    boolean othersMayChange = (bits & 0022) != 0 && (bits & 01000) == 0;
                    if ((owner != 0 && !isCurrentUser(owner, d)) || othersMayChange) {
                        throw new SettingException("Settings file " + shown + " (" + how + ") is in " + d + ", a folder "
                                + (othersMayChange ? "other users can change" : "of " + Files.getOwner(d).getName())
                                + ": someone else could swap the file, so the cookbook does not read it.",
                                "Keep your settings in a folder of your own (your checkout, or your home).", false);
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new CookbookException("Cannot check who owns " + shown + ": " + e.getMessage(),
                    "Check that you may read it and the folders above it.", e);
        }
    }

    /** Whether {@code uid} is this process's user (the name, where the uid cannot be read). */
    static boolean isCurrentUser(int uid, Path file, LinkOption... links) throws IOException {
        Long current = currentUid();
        return current != null ? current == uid : Files.getOwner(file, links).getName().equals(System.getProperty("user.name"));
    }

    private static Long currentUid() {
        try {
            Class<?> unix = Class.forName("com.sun.security.auth.module.UnixSystem");
            return (Long) unix.getMethod("getUid").invoke(unix.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** A line of a settings file: its key and where it starts. */
    record Line(String key, int line) {
    }

    /** Settings files are small; a bigger one is not one. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    /** The file's KEY=VALUE pairs (java.util.Properties syntax, read line by line so errors name the line). */
    static Map<Line, String> read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CookbookException("Settings file " + file + " is larger than 1 MB: not a settings file.",
                        "Point --config at a KEY=VALUE file like cdc.properties.example.");
            }
            byte[] bytes = Files.readAllBytes(file);
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new CookbookException("Settings file " + file + " is not UTF-8 text (line " + firstBadLine(bytes) + ").",
                        "Save it as UTF-8, as cdc.properties.example is.");
            }
        } catch (IOException e) {
            throw new CookbookException("Cannot read " + file + ": " + e.getMessage(),
                    "Check that you may read it.", e);
        }
        Map<Line, String> pairs = new LinkedHashMap<>();
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int first = i + 1;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (continues(lines[i]) && i + 1 < lines.length) {
                logical.append('\n').append(lines[++i]);
            }
            String stripped = logical.toString().stripLeading();
            if (stripped.isEmpty() || stripped.startsWith("#") || stripped.startsWith("!")) {
                continue;
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException | IllegalArgumentException e) {
                throw new SettingException("Line " + first + " of " + file + " is not KEY=VALUE: " + e.getMessage() + ".",
                        "Write KEY=VALUE as in cdc.properties.example (a \\ starts an escape such as \\n or \\u00e9).", false);
            }
            for (String key : one.stringPropertyNames()) {
                if (key.isBlank()) {
                    throw new SettingException("Line " + first + " of " + file + " has no setting name before '='.",
                            "Write KEY=VALUE, e.g. PG_HOST_URL=db.example.com, or start the line with # to keep it as a comment.", false);
                }
                pairs.entrySet().removeIf(e -> e.getKey().key().equals(key)); // the last line of a key wins, as in Properties
                pairs.put(new Line(key, first), one.getProperty(key));
            }
        }
        return pairs;
    }

    /** A line continues on the next when it ends with an odd number of backslashes. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** The number of the line of the first byte sequence that is not UTF-8. */
    private static int firstBadLine(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return line - 1;
    }
}
