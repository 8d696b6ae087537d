package io.cdccookbook.cloud;

import io.cdccookbook.config.Redactor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTest {

    @Test
    void masksSecretsInJsonBodiesAndUrls() {
        Redactor.register("tok-123456");
        Plan plan = Plan.dryRun();
        plan.record("post", "https://api.example.com/v0/things?token=tok-123456",
                "{\"name\":\"c\",\"config\":{\"kafka.api.key\":\"AKEY\",\"kafka.api.secret\":\"s3cr3t\",\"database.password\":\"pw\","
                        + "\"database.user\":\"admin\"}}", "create the connector");

        String text = plan.describe();
        assertThat(plan.isDryRun()).isTrue();
        assertThat(text).startsWith(" 1. POST https://api.example.com/v0/things?token=" + Redactor.MASK + "   # create the connector")
                .contains("\"database.user\": \"admin\"")
                .doesNotContain("AKEY", "s3cr3t", "\"pw\"", "tok-123456");
        assertThat(plan.steps()).hasSize(1);
        assertThat(Plan.placeholder("id of environment 'default'")).isEqualTo("<id of environment 'default'>");
    }
}
