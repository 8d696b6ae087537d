package io.cdccookbook.tinybird;

/**
 * Puts a pipeline's datafiles into a workspace and takes them out again, the way the workspace's kind
 * allows ({@link ForwardDeployer}, {@link ClassicDeployer}). Both touch only the cookbook's resources,
 * report each one's fate, and are safe to run twice.
 */
interface TinybirdDeployer {

    /** The Kafka connection (when missing) and the pipeline's data sources and pipes (those missing). */
    void create(TinybirdProject project);

    /** The pipeline's pipes, then data sources, then tokens; the connection too when asked. */
    void remove(TinybirdProject project, boolean includeConnection);

    /** Only the Kafka connection: the original's --tb-connect-kafka. */
    void connectKafka(TinybirdProject project);
}
