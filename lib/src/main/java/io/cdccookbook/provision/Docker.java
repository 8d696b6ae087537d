package io.cdccookbook.provision;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a Docker engine answers, asked once per process. */
public final class Docker {

    private static Boolean available;

    private Docker() {
    }

    public static synchronized boolean isAvailable() {
        if (available == null) {
            available = couldBeThere() && ask();
        }
        return available;
    }

    // Testcontainers' own probe takes seconds and logs errors when there is no engine; skip it when there
    // is clearly none (no socket, no DOCKER_HOST, no Testcontainers config).
    private static boolean couldBeThere() {
        String home = System.getProperty("user.home");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
    }

    private static boolean ask() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
