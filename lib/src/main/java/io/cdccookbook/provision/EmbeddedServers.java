package io.cdccookbook.provision;

import com.google.gson.Gson;
import io.cdccookbook.CookbookException;
import io.cdccookbook.Shutdown;
import io.cdccookbook.config.PrivateFiles;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Embedded servers keep their data in the state folder, so successive commands see the same rows, and are
 * shared by every command that runs meanwhile. A server stops only when no live process of the cookbook
 * uses it:
 * <ul>
 *   <li>each process that uses the server holds a lease: an exclusive lock on its own file in
 *       {@code <home>/leases/}. The operating system drops the lock when the process dies, kill -9 included,
 *       so a dead process can never keep a server running;</li>
 *   <li>the process that releases the last live lease stops the server, whoever started it; a server found
 *       running without leases (its last user was killed) is used, and stopped by its next last user;</li>
 *   <li>{@code server.json} says where the server listens and its process; {@code <home>/lock} serializes
 *       starting, joining and stopping between processes.</li>
 * </ul>
 * Servers run detached from the terminal (Ctrl-C on a command does not reach them), listen on 127.0.0.1
 * only (no Unix socket), and take logins with the password kept in {@code <home>/password} (made on first
 * use, 0600). Their binaries are unpacked into {@code <home>} too, which only the user may enter, never into
 * a shared folder such as /tmp where another user could replace them.
 */
final class EmbeddedServers {

    /** What a starter hands back: where the server listens, its process, and how this JVM stops it. */
    record Started(int port, long pid, AutoCloseable stopper) {
    }

    /**
     * What {@link #obtain} hands back; closing {@code release} gives the lease up (and stops the server when
     * it was the last).
     */
    record Lease(int port, String password, String how, AutoCloseable release) {
    }

    /** One kind of embedded server: how to start it, and how to stop it by process id from any process. */
    interface Kind {
        String name();

        /** The executable's name, to tell our server from a process that took over a recycled pid. */
        String processName();

        Started start(Path home, int port, String password) throws Exception;

        /** Asks the server process to shut down cleanly; the caller waits for it to go. */
        void requestStop(ProcessHandle process) throws IOException;

        /** Where the server writes its process id (the first line), in its data folder under {@code home}. */
        Path pidFile(Path home);
    }

    /** server.json: where the server listens and its process. */
    private record ServerFile(int port, long pid) {
    }

    /** This JVM's use of one server: how many leases it handed out, and the lock that says it uses it. */
    private static final class Use {
        int count;
        final FileChannel channel;
        final FileLock lock;
        final Path file;

        Use(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(PrivateFiles.emptyFile(file), StandardOpenOption.WRITE);
            this.lock = channel.lock();
        }

        void end() throws IOException {
            lock.release();
            channel.close();
            Files.deleteIfExists(file);
        }
    }

    private static final Gson GSON = new Gson();
    // FileLock excludes other processes only: threads of this JVM take turns here
    private static final Object JVM_LOCK = new Object();
    private static final Map<Path, Use> USES = new HashMap<>();
    /** Servers this JVM started, by home: stopping them through their own handle frees what it holds. */
    private static final Map<Path, AutoCloseable> STARTED_HERE = new HashMap<>();

    private EmbeddedServers() {
    }

    static Lease obtain(Path home, Kind kind) {
        synchronized (JVM_LOCK) {
            try {
                PrivateFiles.folder(home);
                String password = PrivateFiles.secret(home.resolve("password"));
                try (FileChannel channel = FileChannel.open(PrivateFiles.emptyFile(home.resolve("lock")), StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    Optional<ServerFile> running = readLive(home, kind);
                    String how;
                    int port;
                    if (running.isPresent()) {
                        port = running.get().port();
                        how = USES.containsKey(home) ? "already running for this process"
                                : "already running in " + home + ", shared with the commands that use it";
                    } else {
                        closeQuietly(STARTED_HERE.remove(home)); // a handle of ours to a server someone else stopped
                        stopUnrecorded(home, kind);
                        Started started = kind.start(home, freePort(), password);
                        PrivateFiles.write(home.resolve("server.json"), GSON.toJson(new ServerFile(started.port(), started.pid())));
                        STARTED_HERE.put(home, started.stopper());
                        port = started.port();
                        how = "started in " + home;
                    }
                    Use use = USES.get(home);
                    if (use == null) {
                        Path leases = PrivateFiles.folder(home.resolve("leases"));
                        use = new Use(leases.resolve(ProcessHandle.current().pid() + ".lease"));
                        USES.put(home, use);
                    }
                    use.count++;
                    Shutdown.Step release = Shutdown.onExit("release the embedded " + kind.name(), () -> release(home, kind));
                    return new Lease(port, password, how, release);
                }
            } catch (CookbookException e) {
                throw e;
            } catch (Exception e) {
                throw new CookbookException("Could not start the embedded " + kind.name() + " in " + home + ": " + e.getMessage(),
                        "Run with --verbose for the server's log (also in " + home.resolve("server.log") + "). If a crashed "
                                + "run left it half-made, delete that folder.", e);
            }
        }
    }

    /** Gives up one lease; the last live lease of all processes stops the server. */
    private static void release(Path home, Kind kind) throws Exception {
        synchronized (JVM_LOCK) {
            Use use = USES.get(home);
            if (use == null || --use.count > 0) {
                return;
            }
            try (FileChannel channel = FileChannel.open(PrivateFiles.emptyFile(home.resolve("lock")), StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                USES.remove(home);
                use.end();
                if (otherLiveLeases(home.resolve("leases"))) {
                    return;
                }
                Optional<ServerFile> running = readLive(home, kind);
                AutoCloseable own = STARTED_HERE.remove(home);
                if (running.isPresent()) {
                    stop(running.get().pid(), kind, own);
                } else {
                    closeQuietly(own);
                }
                Files.deleteIfExists(home.resolve("server.json"));
            }
        }
    }

    /** Whether any other process holds a lease; files of processes that died are cleared on the way. */
    private static boolean otherLiveLeases(Path leases) throws IOException {
        if (!Files.isDirectory(leases)) {
            return false;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(leases)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".lease")).toList();
        }
        boolean live = false;
        for (Path file : files) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    live = true;
                } else {
                    lock.release();
                    Files.deleteIfExists(file); // its process is gone
                }
            } catch (OverlappingFileLockException ours) {
                live = true;
            } catch (java.nio.file.NoSuchFileException gone) {
                // its owner just ended it
            }
        }
        return live;
    }

    /**
     * Stops the server through the handle of the JVM that started it, when that is this one (it frees what
     * the handle holds), else by its process id; returns once the process is gone.
     */
    private static void stop(long pid, Kind kind, AutoCloseable own) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (own != null) {
            own.close();
        } else if (process.isPresent() && process.get().isAlive()) {
            kind.requestStop(process.get());
        }
        if (process.isEmpty() || !process.get().isAlive()) {
            return;
        }
        try {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.get().destroyForcibly();
            process.get().onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A starter killed after the server started but before it wrote server.json leaves a server no lease
     * names and no one else can know of (server.json is written under the same lock): it holds the data
     * folder, so a new one could not start. It is stopped first.
     */
    private static void stopUnrecorded(Path home, Kind kind) throws Exception {
        Optional<Long> pid;
        try {
            pid = Optional.of(pidIn(kind.pidFile(home)));
        } catch (IOException | RuntimeException none) {
            pid = Optional.empty(); // no pid file, or a half-written one: no server left running
        }
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                // ours: run from this home's own binaries (a recycled pid may now be any other postgres, the system's too)
                .filter(p -> p.info().command().map(Path::of).filter(c -> c.startsWith(home.toAbsolutePath().normalize()))
                        .map(c -> c.getFileName().toString().equals(kind.processName())).orElse(false));
        if (process.isPresent()) {
            stop(process.get().pid(), kind, null);
        }
    }

    /** The process id on the first line of a server's pid file. */
    static long pidIn(Path pidFile) throws IOException {
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // a handle to a server that is gone already
        }
    }

    /** The server in {@code home}, if its process is alive, is ours and listens. */
    private static Optional<ServerFile> readLive(Path home, Kind kind) throws IOException {
        Path file = home.resolve("server.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ServerFile server;
        try {
            server = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ServerFile.class);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
        boolean ours = server != null && ProcessHandle.of(server.pid())
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().command().map(c -> c.contains(kind.processName())).orElse(true))
                .orElse(false);
        return ours && listening(server.port()) ? Optional.of(server) : Optional.empty();
    }

    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Sends a signal with the system's kill command (Java can only send SIGTERM and SIGKILL); falls back to
     * SIGTERM where there is no kill command.
     */
    static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", String.valueOf(process.pid()))
                    .redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            if (kill.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // no kill command here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}
