package io.cdccookbook.config;

import io.cdccookbook.testing.OutputRecorder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after every other test class and looks through everything the suite printed (stdout, stderr,
 * logs, stack traces of --verbose runs) for every secret any test registered: passwords, API keys,
 * tokens. None may appear.
 */
@Order(Integer.MAX_VALUE)
class SecretsNeverPrintTest {

    @Test
    void noSecretAppearsInAnyOutputOfTheWholeSuite() {
        Assumptions.assumeTrue(OutputRecorder.isRecording(), "the output recorder is not installed");
        List<String> secrets = Redactor.registered();
        System.out.println("SecretsNeverPrintTest: looking for " + secrets.size() + " secrets in the suite's output");
        String output = OutputRecorder.recorded();

        assertThat(secrets).as("the suite registers secrets to look for").isNotEmpty();
        assertThat(output).as("the recorder sees what is printed").contains("SecretsNeverPrintTest: looking for");
        for (String secret : secrets) {
            assertThat(output).as("output of the whole suite contains a secret of %d characters starting with %s",
                    secret.length(), secret.substring(0, 2)).doesNotContain(secret);
        }
    }
}
