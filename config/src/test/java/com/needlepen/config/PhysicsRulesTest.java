package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;

import org.junit.jupiter.api.Test;

/** Limits the drive cannot meet under the worst case of {@link MotorLimits}. */
class PhysicsRulesTest {

    @Test
    void givenStifferSkin_whenLoaded_then36PinAt150HzIsNotReachable() {
        // A third more insertion force costs the 36-pin about 3 Hz at 1.5 mm, the 24-pin only 2.
        String yaml = simWith("insertionForcePerNeedleN: 0.15", "insertionForcePerNeedleN: 0.20");

        assertError(loadError(yaml), "cartridges[2].maxRateHz", lineOf(yaml, "36-pin"),
                "150 Hz is not reachable: this motor reaches 149.",
                " Hz at 11.4 V under load with 36 needles at 1.5 mm (hot winding at 100 °C, 90 % duty)");
    }

    @Test
    void givenSlowerWinding_whenLoaded_thenFirstCartridgeIsUnreachableAtTheCeilingNotItsOwnMaxDepth() {
        // A higher torque constant means more back-EMF per rad/s: about 133 Hz at 11.4 V.
        String yaml = simWith("torqueConstantNmPerA: 0.010", "torqueConstantNmPerA: 0.012");

        // The 12-pin may go to 2.5 mm, but the profile only lets the practitioner select 1.5 mm.
        assertError(loadError(yaml), "cartridges[0].maxRateHz", lineOf(yaml, "12-pin"),
                "150 Hz is not reachable", "with 12 needles at 1.5 mm");
    }

    @Test
    void givenWeakSpring_whenLoaded_thenMaxRateOutrunsTheSpring() {
        String yaml = simWith("springPreloadN: 3.0", "springPreloadN: 1.0");

        assertError(loadError(yaml), "rate.maxHz", lineOf(yaml, "  maxHz:"),
                "150 Hz outruns the cam spring: it pushes 3.4 N at the top of the stroke, but keeping the carrier "
                        + "on the cam at 150 Hz needs 2.7 N x 1.5 margin = 4.0 N; allowed at most 138.",
                "cam.springPreloadN");
    }

    @Test
    void givenNominalAboveMax_whenLoaded_thenSupplyOutOfOrder() {
        String yaml = simWith("nominalVolts: 12.0", "nominalVolts: 13.0");

        assertError(loadError(yaml), "supply.nominalVolts", lineOf(yaml, "nominalVolts"),
                "13 V is out of range; allowed supply.minVolts to supply.maxVolts, 11.4 to 12.6 V");
    }

    @Test
    void givenMinAboveNominal_whenLoaded_thenSupplyOutOfOrder() {
        String yaml = simWith("minVolts: 11.4", "minVolts: 12.2");

        assertError(loadError(yaml), "supply.nominalVolts", lineOf(yaml, "nominalVolts"),
                "12 V is out of range; allowed supply.minVolts to supply.maxVolts, 12.2 to 12.6 V");
    }
}
