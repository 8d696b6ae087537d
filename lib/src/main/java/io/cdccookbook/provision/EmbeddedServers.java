package io.cdccookbook.provision;

import com.google.gson.Gson;
import io.cdccookbook.CookbookException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Embedded servers keep their data in the state folder, so successive commands see the same rows. Only
 * one server may run on a data folder: the first command starts it and records its port, its process id
 * and its owner in {@code server.json}; a command that finds a live server there (say generate-events
 * beside a running create-pipeline) uses it and leaves it running. A server whose owner was killed is
 * adopted by the next command. A lock file serializes the decision between processes.
 */
final class EmbeddedServers {

    /** What a starter hands back: where the server listens and how to stop it. */
    record Started(int port, long pid, AutoCloseable stopper) {
    }

    /**
     * What {@link #obtain} hands back. {@code shared} means another command owns the server; {@code how}
     * says in words how this command got it.
     */
    record Lease(int port, long pid, boolean shared, String how, AutoCloseable release) {
    }

    @FunctionalInterface
    interface Starter {
        Started start(Path home, int port) throws Exception;
    }

    /** server.json: where the server listens, its process, and the command that owns (stops) it. */
    private record ServerFile(int port, long pid, long owner) {
    }

    private static final Gson GSON = new Gson();
    private static final Object JVM_LOCK = new Object(); // FileLock only excludes other processes

    private EmbeddedServers() {
    }

    static Lease obtain(Path home, String what, Starter starter) {
        synchronized (JVM_LOCK) {
            try {
                Files.createDirectories(home);
                try (FileChannel channel = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    Optional<ServerFile> running = readLive(home);
                    if (running.isPresent() && isAlive(running.get().owner())) {
                        return new Lease(running.get().port(), running.get().pid(), true,
                                "already running for another command (pid " + running.get().owner() + ")", () -> { });
                    }
                    Started started;
                    String how = "started in " + home;
                    if (running.isPresent()) {
                        how = "left running by a command that was killed; this command takes it over";
                        // its owner died (kill -9): adopt the server, and stop it when done as the owner would have
                        ServerFile orphan = running.get();
                        started = new Started(orphan.port(), orphan.pid(), () -> terminate(orphan.pid()));
                    } else {
                        started = starter.start(home, freePort());
                    }
                    Files.writeString(home.resolve("server.json"), GSON.toJson(new ServerFile(started.port(),
                            started.pid(), ProcessHandle.current().pid())), StandardCharsets.UTF_8);
                    AutoCloseable release = stopOnce(home, started.stopper());
                    // Ctrl-C runs shutdown hooks but not the command's finally blocks
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(release), "stop-embedded-" + what));
                    return new Lease(started.port(), started.pid(), false, how, release);
                }
            } catch (CookbookException e) {
                throw e;
            } catch (Exception e) {
                throw new CookbookException("Could not start the embedded " + what + " in " + home + ": " + e.getMessage(),
                        "Run with --verbose for the server's log. If a crashed run left it half-made, delete that folder.", e);
            }
        }
    }

    private static AutoCloseable stopOnce(Path home, AutoCloseable stopper) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                Files.deleteIfExists(home.resolve("server.json"));
                stopper.close();
            }
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the JVM is going down; nothing left to tell
        }
    }

    /** The server another command started in {@code home}, if it is still alive and listening. */
    static Optional<ServerFile> readLive(Path home) throws IOException {
        Path file = home.resolve("server.json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ServerFile server = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), ServerFile.class);
        boolean alive = server != null && isAlive(server.pid()) && listening(server.port());
        return alive ? Optional.of(server) : Optional.empty();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Asks a server process to shut down (SIGTERM: a clean shutdown for both servers) and waits. */
    private static void terminate(long pid) throws Exception {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent() && process.get().destroy()) {
            process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
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
}
