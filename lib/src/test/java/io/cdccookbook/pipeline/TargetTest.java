package io.cdccookbook.pipeline;

import io.cdccookbook.CookbookException;
import io.cdccookbook.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetTest {

    @Test
    void defaultsToTinybirdOnlyWhenATokenIsConfiguredAndSaysWhy() {
        assertThat(Target.choose((String) null, Settings.of(Map.of())))
                .hasToString("Target: local (TINYBIRD_API_KEY is not set, so everything runs on this machine).");
        assertThat(Target.choose((String) null, Settings.of(Map.of("TINYBIRD_API_KEY", "p.abcdef"))))
                .hasToString("Target: tinybird (TINYBIRD_API_KEY is set).");
        assertThat(Target.choose("LOCAL", Settings.of(Map.of("TINYBIRD_API_KEY", "p.abcdef"))).target()).isEqualTo(Target.LOCAL);
        assertThatThrownBy(() -> Target.choose("cloud", Settings.of(Map.of())))
                .isInstanceOf(CookbookException.class).hasMessage("Unknown target 'cloud'.");
    }
}
