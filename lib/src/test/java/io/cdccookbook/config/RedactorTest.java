package io.cdccookbook.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    @Test
    void registeredSecretsAreMaskedWhereverTheyAppear() {
        Redactor.register("s3cr3t-value-42");
        assertThat(Redactor.redact("error: auth s3cr3t-value-42 refused; again s3cr3t-value-42"))
                .isEqualTo("error: auth ******** refused; again ********");
    }

    @Test
    void aSecretContainingAnotherIsMaskedWhole() {
        Redactor.register("abcd");
        Redactor.register("xxabcdyy");
        assertThat(Redactor.redact("key=xxabcdyy")).doesNotContain("xx", "yy", "abcd");
    }

    @Test
    void passwordAndTokenShapesAreMaskedEvenWhenNotRegistered() {
        assertThat(Redactor.redact("jdbc:postgresql://h/db?user=u&password=hunter22&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=********&ssl=true");
        assertThat(Redactor.redact("{\"kafka.api.secret\": \"abc123\", \"token\": \"p.xyz\"}"))
                .doesNotContain("abc123").doesNotContain("p.xyz");
        assertThat(Redactor.redact("Authorization: Bearer p.eyJ0eXAiOiJKV1Qi"))
                .isEqualTo("Authorization: Bearer ********");
        assertThat(Redactor.redact("sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"))
                .doesNotContain("PlainLoginModule");
    }

    @Test
    void ordinaryProseAboutSecretsIsLeftAlone() {
        assertThat(Redactor.redact("Secret CDC_KAFKA_SECRET: was not there.")).isEqualTo("Secret CDC_KAFKA_SECRET: was not there.");
        assertThat(Redactor.redact("kafka.api.secret: Provided Kafka ApiKey is invalid")).contains("Provided Kafka ApiKey");
        assertThat(Redactor.redact("password: 'hunter22'")).doesNotContain("hunter22");
    }

    @Test
    void tooShortSecretsAreNotRegisteredSoWordsSurvive() {
        Redactor.register("a");
        Redactor.register("");
        Redactor.register(null);
        assertThat(Redactor.redact("a cat")).isEqualTo("a cat");
    }

    @Test
    void maskShowsWhetherASecretIsSetButNeverItsValue() {
        assertThat(Redactor.mask("whatever")).isEqualTo(Redactor.MASK);
        assertThat(Redactor.mask("")).isEmpty();
        assertThat(Redactor.mask(null)).isEmpty();
    }

    @Test
    void aStructuredValueIsShownAsItIsWhereASecretHasTheSameTextAndTheSecretIsMaskedElsewhere() {
        Redactor.register("pg-user-is-pw");
        String line = Redactor.shown("pg-user-is-pw") + "@127.0.0.1:5432/" + Redactor.shown("pg-user-is-pw_cdc_demo")
                + " refused password pg-user-is-pw";
        assertThat(Redactor.redact(line)).isEqualTo("pg-user-is-pw@127.0.0.1:5432/pg-user-is-pw_cdc_demo refused password ********");
    }

    @Test
    void markersFromOutsideShowNothing() {
        Redactor.register("outside-secret-1");
        assertThat(Redactor.redact("\uE000outside-secret-1")).as("an unclosed marker").isEqualTo("********");
        assertThat(Redactor.withoutMarkers("a\uE000b\uE001c")).isEqualTo("abc");
        assertThat(Settings.of(java.util.Map.of("PG_USERNAME", "\uE000outside-secret-1\uE001")).get(Setting.PG_USERNAME))
                .as("settings drop markers").isEqualTo("outside-secret-1");
    }
}
