package io.cdccookbook.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.cdccookbook.config.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What a library's log line looks like in a command's output, quiet and with --verbose. */
class LoggingTest {

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restoreTheTestLogging() throws Exception {
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private String logAnErrorWithACause(boolean verbose, String logger) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Logging.configure(verbose);
        Redactor.register("s3cr3t-in-a-log");
        LoggerFactory.getLogger(logger)
                .error("Error during snapshot", new InterruptedException("Interrupted while reading password s3cr3t-in-a-log"));
        return err.toString(StandardCharsets.UTF_8);
    }

    private String logAnErrorWithACause(boolean verbose) {
        return logAnErrorWithACause(verbose, "io.debezium.relational.RelationalSnapshotChangeEventSource");
    }

    @Test
    void quietCommandsShowNoLibraryLogAndTheirOwnWarningsWithoutStackTrace() {
        assertThat(logAnErrorWithACause(false)).as("a library's error reaches the user as the command's own one-line error").isEmpty();
        assertThat(logAnErrorWithACause(false, "io.cdccookbook.pipeline.LocalPipeline"))
                .isEqualTo("ERROR LocalPipeline: Error during snapshot" + System.lineSeparator());
    }

    @Test
    void verboseLinesHaveTheStackTraceMasked() {
        String out = logAnErrorWithACause(true);
        assertThat(out).contains("Error during snapshot").contains("java.lang.InterruptedException")
                .contains("\tat ").doesNotContain("s3cr3t-in-a-log");
    }
}
