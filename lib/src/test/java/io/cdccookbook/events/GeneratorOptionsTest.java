package io.cdccookbook.events;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorOptionsTest {

    @Test
    void defaultsAreTheOriginalsConstants() {
        GeneratorOptions o = GeneratorOptions.defaults(10);
        assertThat(o).isEqualTo(new GeneratorOptions(10, 30, 60, 10, 0.1, DeleteMode.SOFT, null, 0, 1));
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> GeneratorOptions.defaults(-1)).isInstanceOf(CookbookException.class)
                .hasMessage("--num-events must be 0 or more, not -1.");
        assertThatThrownBy(() -> new GeneratorOptions(1, 0, 0, 0, 0.1, DeleteMode.SOFT, null, 0, 1))
                .hasMessageContaining("not all 0");
        assertThatThrownBy(() -> new GeneratorOptions(1, 30, -1, 10, 0.1, DeleteMode.SOFT, null, 0, 1))
                .hasMessageContaining("must be 0 or more");
        assertThatThrownBy(() -> new GeneratorOptions(1, 30, 60, 10, 1.5, DeleteMode.SOFT, null, 0, 1))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withRate(-3)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withBatch(0)).hasMessage("--batch must be 1 or more, not 0.");
        assertThatThrownBy(() -> DeleteMode.parse("purge")).hasMessage("Unknown delete mode 'purge'.");
    }
}
