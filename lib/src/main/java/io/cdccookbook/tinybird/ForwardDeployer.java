package io.cdccookbook.tinybird;

import com.google.gson.JsonObject;
import io.cdccookbook.CookbookException;
import io.cdccookbook.cloud.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tinybird Forward, where a deployment is the whole workspace: a resource left out of it is deleted.
 * So every deployment here is the workspace as it is (each other resource's datafile, read back from
 * Tinybird and sent unchanged) plus or minus the cookbook's own files; it is sent without
 * allow_destructive_operations when creating (Tinybird then refuses to delete anything), and a
 * {@link DeploymentGuard} stops it before it goes live if Tinybird reports it would create, change or
 * delete anything else. The connection's credentials go into workspace secrets ({@link ForwardSecrets});
 * when they differ from what the cookbook last set (rotated keys), they are updated and deployed even if
 * every resource exists, since Tinybird applies secrets only on deploy.
 */
final class ForwardDeployer implements TinybirdDeployer {

    private final TinybirdApi api;
    private final Supplier<KafkaCredentials> credentials;
    private final Consumer<String> report;
    private final ForwardDeployment deployment;
    private final ForwardSecrets secrets;

    ForwardDeployer(TinybirdApi api, Supplier<KafkaCredentials> credentials, SecretFingerprints fingerprints, Timing timing,
                    Consumer<String> report) {
        this.api = api;
        this.credentials = credentials;
        this.report = report;
        this.deployment = new ForwardDeployment(api, timing, report);
        this.secrets = new ForwardSecrets(api, fingerprints, report);
    }

    @Override
    public void create(TinybirdProject project) {
        deploy(project, project.resourceFiles());
    }

    @Override
    public void connectKafka(TinybirdProject project) {
        deploy(project, List.of());
        if (!api.isDryRun()) {
            KafkaConnections connections = new KafkaConnections(api, report);
            connections.find(project.connectionName()).ifPresent(c -> {
                KafkaConnections.Health health = connections.preview(Json.string(c, "id"));
                report.accept("Kafka connection " + project.connectionName() + (health.works()
                        ? ": lists " + health.topics() + " topics." : ": its preview fails: " + health.problem()));
            });
        }
    }

    /** Deploys the connection and those of {@code wanted} that are missing, carrying everything else over. */
    private void deploy(TinybirdProject project, List<ProjectFile> wanted) {
        WorkspaceInventory workspace = WorkspaceInventory.read(api);
        String connection = project.connectionName();
        List<ProjectFile> missing = new ArrayList<>();
        for (ProjectFile file : wanted) {
            if (workspace.has(file.resourceName())) {
                report.accept(file.resourceName() + ": already there, left as it is.");
            } else {
                missing.add(file);
            }
        }
        boolean connectionThere = workspace.hasConnection(connection);
        // the secrets first, also when everything exists: rotated Kafka credentials must reach Tinybird
        ForwardSecrets.Changes changed = secrets.sync(secretValues(project, credentials.get()));
        if (missing.isEmpty() && connectionThere && !changed.any()) {
            report.accept("Kafka connection " + connection + ": already there, with the credentials the cookbook last set.");
            return;
        }

        List<TinybirdApi.FilePart> files = carriedOver(workspace, Set.of(connection));
        files.add(ours(project.connectionFile()));
        missing.forEach(f -> files.add(ours(f)));
        Set<String> mine = ownNames(project);
        // a secret takes effect only when deployed: this deployment is also what rotates the credentials
        boolean deployed = deployment.deploy(files, false, new DeploymentGuard(mine, mine, Set.of()));
        secrets.remember(changed);
        if (!connectionThere) {
            report.accept("Kafka connection " + connection + ": created.");
        } else if (changed.any()) {
            rotated(connection, changed, deployed);
        }
        missing.forEach(f -> report.accept(f.resourceName() + ": created."));
    }

    /** The connection's secret names (from its .connection file) to the credentials' values. */
    private static Map<String, String> secretValues(TinybirdProject project, KafkaCredentials kafka) {
        Map<String, String> values = new LinkedHashMap<>();
        project.connectionSecrets().forEach((key, secret) -> values.put(secret, switch (key) {
            case "KAFKA_BOOTSTRAP_SERVERS" -> kafka.bootstrapServers();
            case "KAFKA_KEY" -> kafka.key();
            case TinybirdProject.SCHEMA_REGISTRY -> kafka.schemaRegistryUrl();
            default -> kafka.secret();
        }));
        return values;
    }

    /**
     * The verdict on rotated credentials, from the connection itself: after the deployment, its preview must
     * list the cluster's topics. Whether Tinybird redeploys a connection whose file is unchanged but whose
     * secrets are new (rather than answering no_changes) is not documented: the preview decides either way.
     */
    private void rotated(String connection, ForwardSecrets.Changes changed, boolean deployed) {
        String what = "Kafka connection " + connection + ": secrets " + changed.names() + " set anew";
        if (api.isDryRun()) {
            report.accept(what + " and deployed.");
            return;
        }
        KafkaConnections connections = new KafkaConnections(api, report);
        JsonObject found = connections.find(connection).orElseThrow(() -> new CookbookException(
                "Kafka connection " + connection + " is not in the workspace after the deployment.",
                "Look at the workspace's deployments in the Tinybird UI."));
        KafkaConnections.Health health = connections.preview(Json.string(found, "id"));
        String deploy = deployed ? " and deployed" : "; Tinybird found nothing else to deploy";
        if (!health.works()) {
            throw new CookbookException(what + deploy + ", but its preview fails: " + health.problem(),
                    "Check CONFLUENT_BOOTSTRAP_SERVERS, CONFLUENT_UNAME and CONFLUENT_SECRET (a Kafka API key of that"
                            + " cluster); fix them and run the command again.");
        }
        report.accept(what + deploy + "; with them it lists " + health.topics() + " topics.");
    }

    @Override
    public void remove(TinybirdProject project, boolean includeConnection) {
        WorkspaceInventory workspace = WorkspaceInventory.read(api);
        String connection = project.connectionName();
        // a dry run knows nothing of the workspace: it plans as if everything were there
        boolean dry = api.isDryRun();
        List<String> present = new ArrayList<>();
        for (String name : project.removalOrder()) {
            if (dry || workspace.has(name)) {
                present.add(name);
            } else {
                report.accept(name + ": was not there.");
            }
        }
        boolean connectionThere = dry || workspace.hasConnection(connection);
        boolean dropConnection = includeConnection && connectionThere;
        if (includeConnection && !connectionThere) {
            report.accept("Kafka connection " + connection + ": was not there.");
        }
        if (!present.isEmpty() || dropConnection) {
            Set<String> gone = new LinkedHashSet<>(present);
            if (dropConnection) {
                gone.add(connection);
            }
            Set<String> leaveOut = new LinkedHashSet<>(present);
            leaveOut.add(connection);
            List<TinybirdApi.FilePart> files = carriedOver(workspace, leaveOut);
            if (connectionThere && !includeConnection) {
                files.add(ours(project.connectionFile()));
            }
            if (files.isEmpty() && !dry) {
                throw new CookbookException("The cookbook's resources are all this Forward workspace holds; removing"
                        + " them means deploying an empty project, which the cookbook does not do.",
                        "Delete them in the Tinybird UI, or with tb --cloud deploy --allow-destructive-operations"
                                + " from an empty project folder.");
            }
            deployment.deploy(files, true, new DeploymentGuard(Set.of(), ownNames(project), gone));
            present.forEach(name -> report.accept(name + ": removed."));
            if (dropConnection) {
                report.accept("Kafka connection " + connection + ": removed.");
            }
        }
        if (includeConnection) {
            secrets.delete(project.connectionSecrets().values());
        }
    }

    /** Every other resource's datafile, as Tinybird gives it back, to deploy unchanged. */
    private List<TinybirdApi.FilePart> carriedOver(WorkspaceInventory workspace, Set<String> leaveOut) {
        List<TinybirdApi.FilePart> files = new ArrayList<>();
        for (String name : workspace.datasources()) {
            // quarantine tables come with their data source; names with a dot are shared from another workspace
            boolean quarantine = name.endsWith("_quarantine")
                    && workspace.datasources().contains(name.substring(0, name.length() - "_quarantine".length()));
            if (!leaveOut.contains(name) && !quarantine && !name.contains(".")) {
                files.add(pulled("datasources/" + name + ".datasource", name, "/v0/datasources/" + name + ".datasource"));
            }
        }
        for (String name : workspace.pipes()) {
            if (!leaveOut.contains(name)) {
                files.add(pulled("pipes/" + name + ".pipe", name, "/v1/pipes/" + name + ".pipe", "/v0/pipes/" + name + ".pipe"));
            }
        }
        for (String name : workspace.connectionNames()) {
            if (!leaveOut.contains(name)) {
                files.add(pulled("connections/" + name + ".connection", name, "/v0/connectors/" + name + ".connection"));
            }
        }
        return files;
    }

    private TinybirdApi.FilePart pulled(String filename, String name, String... paths) {
        for (String path : paths) {
            var text = api.findText(path, "read " + name + "'s datafile, to deploy it unchanged");
            if (text.isPresent()) {
                return new TinybirdApi.FilePart(ForwardDeployment.FIELD, filename, text.get(), false);
            }
        }
        throw new CookbookException("Cannot read the datafile of " + name + " from the workspace, so the deployment"
                + " could not keep it; nothing was deployed.", "Check " + name + " in the Tinybird UI, or deploy with the tb CLI.");
    }

    private static TinybirdApi.FilePart ours(ProjectFile file) {
        return new TinybirdApi.FilePart(ForwardDeployment.FIELD, file.path(), file.text(), true);
    }

    /** The pipeline's data sources and pipes and its connection: what the cookbook may touch. */
    private static Set<String> ownNames(TinybirdProject project) {
        Set<String> names = new LinkedHashSet<>(project.removalOrder());
        names.add(project.connectionName());
        return names;
    }
}
