package io.cdccookbook.testing;

import io.cdccookbook.config.Setting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command in a JVM of its own, as a user runs it in a terminal: the script's class on the test classpath,
 * an environment without any of the cookbook's settings (unless given), an empty settings file, and its
 * output in a log. With {@code ownProcessGroup} it runs in a process group of its own (setsid), so that
 * {@link #ctrlC()} can send SIGINT to the whole group as a terminal's Ctrl-C does, children included.
 */
public final class CommandProcess {

    private final Process process;
    private final Path log;

    private CommandProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param dir  working folder; the log ({@code <name>.log}) and the empty settings file go there
     * @param env  settings (or other variables) for the environment
     * @param args the script's arguments; {@code --config} is added
     */
    public static CommandProcess start(Path dir, String name, boolean ownProcessGroup, Map<String, String> env,
                                       String script, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        if (ownProcessGroup) {
            // a session of its own; and SIGINT back to its default, which a terminal's command has but a test run
            // started in the background does not (the JVM then ignores Ctrl-C)
            command.addAll(List.of("setsid", "python3", "-c",
                    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])"));
        }
        command.addAll(List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), script));
        command.addAll(List.of(args));
        Path config = dir.resolve("cdc.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, "");
        }
        command.addAll(List.of("--config", config.toString()));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        for (Setting s : Setting.values()) {
            builder.environment().remove(s.name()); // CI sets PG_HOST_URL and friends for the whole test run
        }
        builder.environment().remove("CDC_CONFIG");
        builder.environment().putAll(env);
        return new CommandProcess(builder.start(), log);
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the exit code; fails the test when it takes longer than {@code seconds}. */
    public int exitCode(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("command still running after " + seconds + " s; its output: " + output());
        }
        return process.exitValue();
    }

    /** SIGINT to its process group, as Ctrl-C at a terminal (needs ownProcessGroup). */
    public void ctrlC() throws IOException, InterruptedException {
        // "-s INT -- -<pgid>": procps' kill reads "kill -INT -<pgid>" as a signal to another group (even -1: all)
        Process kill = new ProcessBuilder("kill", "-s", "INT", "--", "-" + process.pid()).inheritIO().start();
        kill.waitFor();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits until its output contains {@code text}; fails after {@code seconds}. */
    public void awaitOutput(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("command ended before printing '" + text + "'; its output: " + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' within " + seconds + " s; output: " + output());
    }

    /** What it printed so far (also handed to the suite's secrets check). */
    public String output() {
        try {
            String text = Files.readString(log);
            OutputRecorder.record("command process", text);
            return text;
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
