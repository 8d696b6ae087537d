package io.cdccookbook.notebook;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one of the cookbook's commands (say {@code ./jbang create-pipeline --target tinybird --dry-run}) from
 * a notebook cell, as a user would in a terminal: its output appears line by line while it runs, secrets
 * masked, and a failure stops the notebook with the command's own explanation above it.
 */
public final class Commands {

    /** What a command did. {@code output} is stdout and stderr interleaved, as a terminal shows them. */
    public record Result(List<String> command, int exitCode, String output, Duration took) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*[A-Za-z]");
    /**
     * A step of a dry-run plan as the commands print it ({@code Plan.describe()}): " 4. POST https://...   # why".
     * URLs may hold placeholders with spaces ({@code <id of environment 'default'>}); three spaces and a # end them.
     */
    private static final Pattern PLAN_STEP = Pattern.compile("^\\s*(\\d+)\\. (GET|POST|PUT|PATCH|DELETE) (.+?)(?: {3}# (.*))?$");

    private Commands() {
    }

    /** Runs {@code command} in {@code dir}, printing its output to System.out; fails when it exits non-zero. */
    public static Result run(Path dir, Duration timeout, String... command) {
        Result result = runAllowingFailure(dir, timeout, System.out, command);
        if (!result.succeeded()) {
            throw new CookbookException(String.join(" ", command) + " exited with code " + result.exitCode() + ".",
                    "Its output is above.");
        }
        return result;
    }

    /** Runs {@code command} in {@code dir}, printing its output to {@code out}, whatever its exit code. */
    public static Result runAllowingFailure(Path dir, Duration timeout, PrintStream out, String... command) {
        out.println("$ " + String.join(" ", command));
        out.flush();
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File(nullDevice()))).start();
        } catch (IOException e) {
            throw new CookbookException("Cannot run " + command[0] + " in " + dir + ": " + e.getMessage(),
                    "Run the notebook from the notebooks folder of a checkout.", e);
        }
        Thread killer = new Thread(() -> {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                }
            } catch (InterruptedException e) {
                process.destroy();
            }
        }, "command-timeout");
        killer.setDaemon(true);
        killer.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String shown = clean(line);
                lines.add(shown);
                out.println(shown);
                out.flush();
            }
            int exit = process.waitFor();
            return new Result(List.of(command), exit, String.join("\n", lines), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new CookbookException("Reading the output of " + command[0] + " failed: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            Thread.currentThread().interrupt();
            throw new CookbookException(command[0] + " was interrupted.", null, e);
        }
    }

    /**
     * The steps of the dry-run plan in a command's output, one row each: step, method, url, why. Request
     * bodies (the indented lines under a step) are left out: the output above has them in full.
     */
    public static Table planSteps(String output) {
        IntColumn step = IntColumn.create("step");
        StringColumn method = StringColumn.create("method");
        StringColumn url = StringColumn.create("url");
        StringColumn why = StringColumn.create("why");
        output.lines().map(PLAN_STEP::matcher).filter(Matcher::matches).forEach(m -> {
            step.append(Integer.parseInt(m.group(1)));
            method.append(m.group(2));
            url.append(m.group(3));
            why.append(m.group(4) == null ? "" : m.group(4).strip());
        });
        return Table.create("Plan: " + step.size() + " requests", step, method, url, why);
    }

    /**
     * A line as a notebook should show it: colour codes removed, a progress bar's carriage returns
     * reduced to its last state, secrets masked.
     */
    static String clean(String line) {
        String text = ANSI.matcher(line).replaceAll("");
        int cr = text.lastIndexOf('\r', text.length() - 2);
        if (cr >= 0) {
            text = text.substring(cr + 1);
        }
        return Redactor.redact(text.replace("\r", ""));
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }
}
