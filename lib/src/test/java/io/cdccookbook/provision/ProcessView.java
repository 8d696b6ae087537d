package io.cdccookbook.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A server process as the kernel shows it in /proc (Linux): the Unix sockets it listens on, the files it
 * runs (its executable, the libraries it mapped, its library path), and whether another user could replace
 * one of them.
 */
final class ProcessView {

    private ProcessView() {
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/unix")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** {@code pid} and its descendants (PostgreSQL's backends, a launcher's child). */
    static List<Long> withDescendants(long pid) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /**
     * The Unix sockets in state LISTEN that the processes hold open: their paths, an abstract one as
     * {@code @name}, an unnamed one as {@code ""}.
     */
    static List<String> listeningUnixSockets(List<Long> pids) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (long pid : pids) {
            Path fds = Path.of("/proc/" + pid + "/fd");
            List<Path> links;
            try (Stream<Path> listed = Files.list(fds)) {
                links = listed.toList();
            } catch (IOException gone) {
                continue;
            }
            for (Path link : links) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closed) {
                    // closed meanwhile
                }
            }
        }
        List<String> paths = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String line : lines.subList(1, lines.size())) {
            // Num RefCount Protocol Flags Type St Inode [Path]
            String[] f = line.trim().split("\\s+", 8);
            boolean listening = (Long.parseLong(f[3], 16) & 0x10000) != 0; // __SO_ACCEPTCON
            if (listening && inodes.contains(f[6])) {
                paths.add(f.length > 7 ? f[7] : "");
            }
        }
        return paths;
    }

    /** What the process runs: its executable, every file it mapped (libraries), the folders of LD_LIBRARY_PATH. */
    static Set<Path> filesItRuns(long pid) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        files.add(Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")));
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            String[] f = line.trim().split("\\s+", 6);
            // files only: not /dev/zero or a deleted shared memory segment, which nobody can swap
            if (f.length == 6 && f[5].startsWith("/") && !f[5].endsWith(" (deleted)") && Files.isRegularFile(Path.of(f[5]))) {
                files.add(Path.of(f[5]));
            }
        }
        String environ = Files.readString(Path.of("/proc/" + pid + "/environ"));
        for (String variable : environ.split("\0")) {
            if (variable.startsWith("LD_LIBRARY_PATH=") || variable.startsWith("LD_PRELOAD=")) {
                for (String entry : variable.substring(variable.indexOf('=') + 1).split("[: ]")) {
                    if (!entry.isBlank()) {
                        files.add(Path.of(entry));
                    }
                }
            }
        }
        return files;
    }

    /**
     * Why another user of this machine could replace {@code path} or a folder on its way, or empty when none
     * can. Walking from / down: each step must be owned by root or this user and, when group or others may
     * write it, be a sticky folder (where they cannot rename what is not theirs); below a folder of this
     * user's that group and others cannot enter, nobody else reaches anything. A path that does not exist
     * counts if someone else could create it.
     */
    static Optional<String> whoCanReplace(Path path) throws IOException {
        String me = System.getProperty("user.name");
        Path absolute = path.toAbsolutePath().normalize();
        Path at = absolute.getRoot();
        List<Path> steps = new ArrayList<>(List.of(at));
        for (Path name : absolute) {
            at = at.resolve(name);
            steps.add(at);
        }
        for (Path step : steps) {
            if (!Files.exists(step, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty(); // its parent was checked: only root or this user may create it
            }
            if (Files.isSymbolicLink(step)) {
                // a link is as safe as itself (checked here) and what it leads to
                Optional<String> target = whoCanReplace(step.toRealPath());
                if (target.isPresent()) {
                    return Optional.of(step + " leads to " + target.get());
                }
                continue; // a link's own permissions mean nothing; its folder was checked
            }
            PosixFileAttributes a = Files.readAttributes(step, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String owner = a.owner().getName();
            if (!owner.equals("root") && !owner.equals(me)) {
                return Optional.of(step + " belongs to " + owner);
            }
            Set<PosixFilePermission> p = a.permissions();
            boolean othersWrite = p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE);
            if (othersWrite && !(a.isDirectory() && sticky(step))) {
                return Optional.of(step + " is writable by group or others (" + java.nio.file.attribute.PosixFilePermissions.toString(p) + ")");
            }
            boolean closed = a.isDirectory() && owner.equals(me)
                    && !p.contains(PosixFilePermission.GROUP_EXECUTE) && !p.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (closed) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean sticky(Path dir) throws IOException {
        Object mode = Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (((Integer) mode) & 01000) != 0;
    }
}
