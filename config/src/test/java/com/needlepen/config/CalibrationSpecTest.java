package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CalibrationSpecTest {

    @Test
    void givenTheSimProfile_whenLoaded_thenItsCalibrationLimitsAreAsWritten() {
        CalibrationSpec c = ProfileLoader.bundled("sim").calibration();
        assertThat(c).isEqualTo(new CalibrationSpec(0.02, 7, 200, 180, 0.15, 8));
    }

    @Test
    void givenFewerThanSevenPoints_whenLoaded_thenOutOfRange() {
        String yaml = simWith("minPoints: 7", "minPoints: 3");
        assertError(loadError(yaml), "calibration.minPoints", lineOf(yaml, "minPoints"),
                "3 is out of range; allowed 7 to 200 points");
    }

    @Test
    void givenAToleranceInMicronsByMistake_whenLoaded_thenOutOfRange() {
        String yaml = simWith("toleranceMm: 0.02", "toleranceMm: 20");
        assertError(loadError(yaml), "calibration.toleranceMm", lineOf(yaml, "toleranceMm"),
                "20 is out of range; allowed 0.005 to 0.2 mm");
    }

    @Test
    void givenAPlausibleScaleAsAFractionByMistake_whenLoaded_thenOutOfRange() {
        String yaml = simWith("plausibleScalePercent: 8 ", "plausibleScalePercent: 0.08 ");
        assertError(loadError(yaml), "calibration.plausibleScalePercent", lineOf(yaml, "plausibleScalePercent"),
                "0.08 is out of range; allowed 0.5 to 30 %");
    }
}
