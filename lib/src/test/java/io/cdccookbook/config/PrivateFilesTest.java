package io.cdccookbook.config;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands that make a state folder's secret at the same moment all get the same one: the first that was written. */
class PrivateFilesTest {

    @TempDir
    Path dir;

    @RepeatedTest(20)
    void racingCommandsAllGetTheSecretThatStays() throws Exception {
        Path file = dir.resolve("password-" + System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                made.add(pool.submit(() -> {
                    go.await();
                    return PrivateFiles.secret(file);
                }));
            }
            go.countDown();
            Set<String> seen = new HashSet<>();
            for (Future<String> f : made) {
                seen.add(f.get());
            }
            assertThat(seen).as("what each command got").containsExactly(Files.readString(file).strip());
        } finally {
            pool.shutdownNow();
        }
    }
}
