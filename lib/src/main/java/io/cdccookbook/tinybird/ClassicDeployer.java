package io.cdccookbook.tinybird;

import io.cdccookbook.cloud.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tinybird Classic: the connection through /v0/connectors, then each datafile through
 * {@code POST /v0/datafiles?filenames=<file>} (multipart, the field named after the file), which runs
 * {@code tb push} on Tinybird's side. Files go one per request, each after what it reads, so an error
 * names its file. Resources that exist are reported and left as they are.
 */
final class ClassicDeployer implements TinybirdDeployer {

    private final TinybirdApi api;
    private final Supplier<KafkaCredentials> credentials;
    private final SecretFingerprints fingerprints;
    private final Consumer<String> report;

    ClassicDeployer(TinybirdApi api, Supplier<KafkaCredentials> credentials, SecretFingerprints fingerprints, Consumer<String> report) {
        this.api = api;
        this.credentials = credentials;
        this.fingerprints = fingerprints;
        this.report = report;
    }

    @Override
    public void connectKafka(TinybirdProject project) {
        new KafkaConnections(api, report).ensure(project.connectionName(), credentials, fingerprints);
    }

    @Override
    public void create(TinybirdProject project) {
        connectKafka(project);
        WorkspaceInventory workspace = WorkspaceInventory.resources(api);
        for (ProjectFile file : project.resourceFiles()) {
            String name = file.resourceName();
            if (workspace.has(name)) {
                report.accept(name + ": already there, left as it is.");
                continue;
            }
            // Note: a materialized pipe pushed this way sees only events that arrive after it exists
            // (no populate), which is why it goes in before anything is written to the topic.
            api.postFiles("/v0/datafiles?filenames=" + file.fileName(),
                    List.of(new TinybirdApi.FilePart(file.fileName(), file.fileName(), file.text(), true)),
                    "create " + name + " from " + file.path());
            report.accept(name + ": created.");
        }
    }

    @Override
    public void remove(TinybirdProject project, boolean includeConnection) {
        for (String pipe : project.pipeNames()) {
            gone(pipe, api.delete("/v0/pipes/" + pipe, "delete the pipe " + pipe));
        }
        for (String name : project.removalOrder()) {
            if (!project.pipeNames().contains(name)) {
                gone(name, api.delete("/v0/datasources/" + name, "delete the data source " + name));
            }
        }
        for (String token : tokens(project)) {
            gone("Token " + token, api.delete("/v0/tokens/" + token, "delete the token " + token));
        }
        if (includeConnection) {
            KafkaConnections connections = new KafkaConnections(api, report);
            connections.find(project.connectionName()).ifPresentOrElse(c -> {
                connections.delete(c);
                report.accept("Kafka connection " + project.connectionName() + ": removed.");
            }, () -> report.accept("Kafka connection " + project.connectionName() + ": was not there."));
        }
    }

    /**
     * The endpoint's READ token, and the tokens Tinybird made for the Kafka data source, which the
     * original found by their names: {@code <connection>_<prefix>...}.
     */
    private List<String> tokens(TinybirdProject project) {
        List<String> tokens = new ArrayList<>(List.of(project.readToken()));
        String kafkaTokens = project.connectionName() + "_" + project.names().prefix();
        for (String name : Json.names(api.getJson("/v0/tokens", "find the pipeline's tokens"), "tokens")) {
            if ((name.equals(kafkaTokens) || name.startsWith(kafkaTokens + "_")) && !tokens.contains(name)) {
                tokens.add(name);
            }
        }
        return tokens;
    }

    private void gone(String what, boolean wasThere) {
        report.accept(what + (wasThere ? ": removed." : ": was not there."));
    }
}
