package io.cdccookbook.config;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

    @Test
    void aSecretIsMaskedInsideBase64WhereverItStartsAndInItsUrlAndJsonForms() {
        String secret = "r0t+a/t=e&d%s \"e\u00e7ret";
        Redactor.register(secret);
        String base64Chars = "[A-Za-z0-9+/=_-]";
        for (String prefix : new String[] {"", "a", "ab", "abc", "user:"}) {
            for (String suffix : new String[] {"", "z", "zz", "zzz"}) {
                byte[] bytes = (prefix + secret + suffix).getBytes(StandardCharsets.UTF_8);
                for (String encoded : new String[] {Base64.getEncoder().encodeToString(bytes),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)}) {
                    // what is left around the mask is the prefix's and suffix's own characters, at most 3 each side
                    assertThat(Redactor.redact("x " + encoded + " y")).as("[%s]secret[%s] as %s", prefix, suffix, encoded)
                            .matches("x " + base64Chars + "{0,9}\\Q" + Redactor.MASK + "\\E" + base64Chars + "{0,7} y");
                }
            }
        }
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertThat(Redactor.redact("value=" + form + "&x=" + form.replace("+", "%20")))
                .doesNotContain(form, form.replace("+", "%20"), "s3").contains(Redactor.MASK);
        String gson = new com.google.gson.Gson().toJson(secret); // escapes = & " as Gson does
        assertThat(Redactor.redact("{\"v\":" + gson + "}")).isEqualTo("{\"v\":\"" + Redactor.MASK + "\"}");
    }

    @Test
    void basicCredentialsAreMaskedWhole() {
        Redactor.registerCredentials("KEYID42XY", "basic-pair-S3cret");
        String header = okhttp3.Credentials.basic("KEYID42XY", "basic-pair-S3cret").substring("Basic ".length());
        assertThat(Redactor.redact("{\"authorization\":\"Basic " + header + "\"}"))
                .isEqualTo("{\"authorization\":\"Basic " + Redactor.MASK + "\"}");
    }

    @Test
    void thePasswordInAUrlsUserInfoIsMaskedAndTheUserShown() {
        assertThat(Redactor.redact("error: postgresql://admin:Hunter2Secret@db.example.com:5432/app is a URL"))
                .isEqualTo("error: postgresql://admin:" + Redactor.MASK + "@db.example.com:5432/app is a URL");
        assertThat(Redactor.redact("jdbc:mysql://admin:p@ss@db:3306/x")).isEqualTo("jdbc:mysql://admin:" + Redactor.MASK + "@db:3306/x");
        assertThat(Redactor.redact("redis://:onlypass@h")).isEqualTo("redis://:" + Redactor.MASK + "@h");
        assertThat(Redactor.redact("https://host:8080/path?x=a@b and mailto me@x")).isEqualTo("https://host:8080/path?x=a@b and mailto me@x");
    }

    @Test
    void userAndPasswordBeforeAHostAreMaskedWithOrWithoutAScheme() {
        assertThat(Redactor.redact("PG_HOST_URL 'admin:S3cretB@db.example' is not a host name"))
                .isEqualTo("PG_HOST_URL 'admin:********@db.example' is not a host name");
        assertThat(Redactor.redact("host=//a:S3cretE@h")).isEqualTo("host=//a:********@h");
        assertThat(Redactor.redact("root:S3cretM@127.0.0.1")).isEqualTo("root:********@127.0.0.1");
        assertThat(Redactor.redact("cdc@127.0.0.1:5432/shop at 12:30 on host:5432"))
                .as("no password: nothing to mask").isEqualTo("cdc@127.0.0.1:5432/shop at 12:30 on host:5432");
    }
}
