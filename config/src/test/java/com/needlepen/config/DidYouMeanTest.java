package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> CAM = List.of("strokeMm", "carrierMassKg", "springPreloadN", "springRateNPerMm", "springMargin");

    @Test
    void givenOneLetterMissing_whenSuggesting_thenTheIntendedKey() {
        assertThat(DidYouMean.closest("sprngRateNPerMm", CAM)).contains("springRateNPerMm");
    }

    @Test
    void givenWrongCapitalisation_whenSuggesting_thenTheIntendedKey() {
        assertThat(DidYouMean.closest("StrokeMM", CAM)).contains("strokeMm");
    }

    @Test
    void givenNothingClose_whenSuggesting_thenNoneAndTheMessageListsAllowedKeys() {
        assertThat(DidYouMean.closest("foo", List.of("loop", "rate"))).isEmpty();
        assertThat(DidYouMean.unknownKey("foo", List.of("loop", "rate"))).isEqualTo("unknown key; allowed keys here: loop, rate");
    }

    @Test
    void givenTwoWords_whenMeasured_thenLevenshteinDistance() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}
