package io.cdccookbook.pipeline;

import io.cdccookbook.cloud.Plan;
import io.cdccookbook.compare.Comparer;
import io.cdccookbook.provision.RunningDatabase;
import io.cdccookbook.source.ReadinessCheck;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A target's pipeline as test-connection, compare-tables and remove-pipeline see it: what to check, what to
 * compare, what to remove. {@link LocalTarget} works on the local pipeline (which {@link LocalPipeline} runs,
 * maybe in another process), {@link CloudPipeline} on Confluent Cloud and Tinybird.
 */
public interface Pipeline {

    /**
     * @param report  hears what is done (remove-pipeline's steps), or the cloud's progress
     * @param notices hears which server, folder or table was chosen and why
     */
    static Pipeline of(Target target, ServerChoice server, Plan plan, Consumer<String> report, Consumer<String> notices) {
        return target == Target.TINYBIRD ? new CloudPipeline(server.settings(), server.kind(), plan, report)
                : new LocalTarget(server, report, notices);
    }

    /** A table of checks under its title, as test-connection prints it. */
    record Checks(String title, List<ReadinessCheck> rows) {
    }

    /** The source database server the target works on, for test-connection to check. */
    RunningDatabase serverToCheck();

    /** test-connection's checks beyond the source database's own; none locally. */
    List<Checks> targetChecks();

    /** The database of the pipeline there now (compare-tables): locally the running pipeline's. */
    RunningDatabase pipelineDatabase();

    /** Each source table of {@code db} the pipeline captures (and the settings name) against its endpoint. */
    List<Comparer> comparers(RunningDatabase db);

    /** How often to read the endpoint unless --poll-interval says otherwise. */
    Duration defaultPollInterval();

    /**
     * Removes what the pipeline made (whatever is not there is reported and skipped) and returns the verdict.
     *
     * @param includeConnection Tinybird target: Tinybird's Kafka connection too
     * @param tinybirdOnly      Tinybird target: only the Tinybird resources
     */
    String remove(boolean includeConnection, boolean tinybirdOnly);
}
