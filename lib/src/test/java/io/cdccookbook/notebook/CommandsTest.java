package io.cdccookbook.notebook;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Redactor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisabledOnOs(OS.WINDOWS)
class CommandsTest {

    @TempDir
    Path dir;

    @Test
    void showsTheCommandAndItsOutputInOrderAndReturnsIt() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        Commands.Result result = Commands.runAllowingFailure(dir, Duration.ofSeconds(30),
                new PrintStream(shown, true, StandardCharsets.UTF_8), "sh", "-c", "echo out; echo err >&2; pwd; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).startsWith("out\nerr\n").endsWith(dir.getFileName().toString());
        assertThat(shown.toString(StandardCharsets.UTF_8)).startsWith("$ sh -c echo out; echo err >&2; pwd; exit 3\nout\nerr\n");
    }

    @Test
    void aFailureStopsTheNotebookWithTheExitCode() {
        assertThatThrownBy(() -> Commands.run(dir, Duration.ofSeconds(30), "sh", "-c", "exit 2"))
                .isInstanceOf(CookbookException.class).hasMessageContaining("exited with code 2");
    }

    @Test
    void aCommandThatRunsTooLongIsStopped() {
        long start = System.nanoTime();
        Commands.Result result = Commands.runAllowingFailure(dir, Duration.ofMillis(500),
                new PrintStream(new ByteArrayOutputStream()), "sleep", "30");
        assertThat(result.succeeded()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void colourCodesProgressBarsAndSecretsAreCleanedUp() {
        Redactor.register("s3cr3t-token-for-commands-test");
        assertThat(Commands.clean("\u001B[1;32mgreen\u001B[0m")).isEqualTo("green");
        assertThat(Commands.clean("10%\r50%\r100% done")).isEqualTo("100% done");
        assertThat(Commands.clean("token s3cr3t-token-for-commands-test")).isEqualTo("token " + Redactor.MASK);
    }
}
