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
    void aRelativeCommandIsFoundInTheGivenFolder() throws Exception {
        Path script = dir.resolve("hello");
        java.nio.file.Files.writeString(script, "#!/bin/sh\necho hello from $(basename \"$PWD\")\n");
        script.toFile().setExecutable(true);

        Commands.Result result = Commands.runAllowingFailure(dir, Duration.ofSeconds(30),
                new PrintStream(new ByteArrayOutputStream()), "./hello");

        assertThat(result.output()).isEqualTo("hello from " + dir.getFileName());
    }

    @Test
    void theStepsOfADryRunPlanBecomeATable() {
        String output = """
                Target: tinybird (--target tinybird).
                [dry run] pg_users_raw: created.
                Plan of requests (dry run: nothing was sent, nothing changed):
                 1. GET https://api.confluent.cloud/org/v2/environments?page_size=100   # list the environments
                 4. POST https://api.confluent.cloud/connect/v1/environments/<id of environment 'default'>/connectors   # create connector 'PostgresDbzmConnector_0'
                    {
                      "name": "PostgresDbzmConnector_0"
                    }
                12. DELETE <REST endpoint of cluster 'c'>/kafka/v3/clusters/x/topics/t
                """;

        var plan = Commands.planSteps(output);

        assertThat(plan.name()).isEqualTo("Plan: 3 requests");
        assertThat(plan.intColumn("step").asList()).containsExactly(1, 4, 12);
        assertThat(plan.stringColumn("method").asList()).containsExactly("GET", "POST", "DELETE");
        assertThat(plan.stringColumn("url").get(1))
                .isEqualTo("https://api.confluent.cloud/connect/v1/environments/<id of environment 'default'>/connectors");
        assertThat(plan.stringColumn("url").get(2)).isEqualTo("<REST endpoint of cluster 'c'>/kafka/v3/clusters/x/topics/t");
        assertThat(plan.stringColumn("why").asList())
                .containsExactly("list the environments", "create connector 'PostgresDbzmConnector_0'", "");
        assertThat(Commands.planSteps("nothing planned").rowCount()).isZero();
    }

    @Test
    void colourCodesProgressBarsAndSecretsAreCleanedUp() {
        Redactor.register("s3cr3t-token-for-commands-test");
        assertThat(Commands.clean("\u001B[1;32mgreen\u001B[0m")).isEqualTo("green");
        assertThat(Commands.clean("10%\r50%\r100% done")).isEqualTo("100% done");
        assertThat(Commands.clean("token s3cr3t-token-for-commands-test")).isEqualTo("token " + Redactor.MASK);
    }
}
