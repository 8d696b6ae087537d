package io.cdccookbook.events;

import io.cdccookbook.CookbookException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorOptionsTest {

    @Test
    void defaultsAreTheOriginalsConstants() {
        GeneratorOptions o = GeneratorOptions.defaults(10);
        assertThat(o).extracting(GeneratorOptions::numEvents, GeneratorOptions::insertWeight, GeneratorOptions::updateWeight,
                        GeneratorOptions::deleteWeight, GeneratorOptions::addressUpdateProbability, GeneratorOptions::deleteMode,
                        GeneratorOptions::seed, GeneratorOptions::rate, GeneratorOptions::batch, GeneratorOptions::edgeValues)
                .containsExactly(10, 30, 60, 10, 0.1, DeleteMode.SOFT, null, 0.0, 1, 0.02);
    }

    @Test
    void theWithChainSetsEveryComponent() {
        GeneratorOptions o = GeneratorOptions.defaults(10).withNumEvents(5).withWeights(1, 2, 3)
                .withAddressUpdateProbability(0.5).withDeleteMode(DeleteMode.MIXED).withSeed(7).withRate(40).withBatch(8)
                .withEdgeValues(0.5);
        assertThat(o).extracting(GeneratorOptions::numEvents, GeneratorOptions::insertWeight, GeneratorOptions::updateWeight,
                        GeneratorOptions::deleteWeight, GeneratorOptions::addressUpdateProbability, GeneratorOptions::deleteMode,
                        GeneratorOptions::seed, GeneratorOptions::rate, GeneratorOptions::batch, GeneratorOptions::edgeValues)
                .containsExactly(5, 1, 2, 3, 0.5, DeleteMode.MIXED, 7L, 40.0, 8, 0.5);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThatThrownBy(() -> GeneratorOptions.defaults(-1)).isInstanceOf(CookbookException.class)
                .hasMessage("--num-events must be 0 or more, not -1.");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withWeights(0, 0, 0))
                .hasMessageContaining("not all 0");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withWeights(30, -1, 10))
                .hasMessageContaining("must be 0 or more");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withAddressUpdateProbability(1.5))
                .hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withEdgeValues(1.01)).hasMessage("--edge-values must be between 0 and 1, not 1.01.");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withEdgeValues(Double.NaN)).hasMessageContaining("--edge-values");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withRate(-3)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> GeneratorOptions.defaults(1).withBatch(0)).hasMessage("--batch must be 1 or more, not 0.");
        assertThatThrownBy(() -> DeleteMode.parse("purge")).hasMessage("Unknown delete mode 'purge'.");
    }
}
