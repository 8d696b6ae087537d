import io.cdccookbook.compare.PropagationRun;
import io.cdccookbook.config.Settings;
import io.cdccookbook.events.EventGenerator;
import io.cdccookbook.events.GeneratorOptions;
import io.cdccookbook.pipeline.LocalPipeline;
import io.cdccookbook.provision.DatabaseProvisioner;
import io.cdccookbook.provision.DbProvider;
import io.cdccookbook.source.SourceDb;
import io.cdccookbook.testing.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "identical" and exit code 0 are the result of a complete read of both sides after the last generated
 * commit, never of a wait that ran out: compare-tables against a pipeline that cannot catch up, and the
 * issue's --timeout 1 -n 300 --rate 30 against one that can.
 */
class VerdictCommandsTest {

    @TempDir
    Path dir;

    private Settings settings(String database) {
        return Settings.of(Map.of("CDC_STATE_DIR", dir.resolve("state").toString(), "PG_DATABASE", database));
    }

    private CommandRun compare(String... args) throws Exception {
        Path config = dir.resolve("cdc.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, "");
        }
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", "local", "--config", config.toString(), "--set", "CDC_STATE_DIR=" + dir.resolve("state"),
                "--set", "PG_HOST_URL="));
        return CommandRun.of(new CompareTables(), all.toArray(String[]::new));
    }

    private LocalPipeline pipelineOn(String database) throws InterruptedException {
        Settings settings = settings(database);
        LocalPipeline pipeline = LocalPipeline.start(settings, DatabaseProvisioner.provision(SourceDb.PG, DbProvider.EMBEDDED, settings), 0);
        new EventGenerator(pipeline.source(), GeneratorOptions.defaults(20).withSeed(1)).run();
        PropagationRun.await(pipeline.comparer(), Duration.ofMillis(100), Duration.ofMinutes(1), c -> { });
        return pipeline;
    }

    @Test
    void aReplicaThatCannotCatchUpIsReportedWithTheKeysThatDifferAndExitOne() throws Exception {
        try (LocalPipeline pipeline = pipelineOn("verdict_stuck")) {
            pipeline.capture().close(); // the endpoint keeps answering, with what it had
            CommandRun run = compare("-n", "30", "--seed", "4", "--timeout", "2");
            assertThat(run.exit()).as(run.all()).isEqualTo(1);
            assertThat(run.out()).doesNotContain("identical").containsPattern("still differ after [0-9.]+ s: [0-9,]+ differences "
                    + "\\(source [0-9,]+ rows, replica [0-9,]+ rows\\); at id [0-9]+(; id [0-9]+)*");
        }
    }

    @Test
    void theIdenticalVerdictCountsTheRowsThereAreAfterTheLastCommit() throws Exception {
        try (LocalPipeline pipeline = pipelineOn("verdict_live")) {
            CommandRun run = compare("--timeout", "1", "-n", "300", "--rate", "30", "--seed", "5");
            long rows = pipeline.source().countUsers();
            assertThat(run.exit()).as(run.all()).isZero();
            Matcher identical = Pattern.compile("are identical: ([0-9,]+) rows").matcher(run.out());
            assertThat(identical.find()).as(run.out()).isTrue();
            assertThat(Long.parseLong(identical.group(1).replace(",", ""))).as("rows in the verdict = rows after generating").isEqualTo(rows);
            assertThat(run.out()).contains("Generated 300 events");
        }
    }
}
