package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-key physical ranges, declared where each key is read (ProfileBinder) and checked as it is
 * read: one targeted edit of sim.yaml per case.
 */
class KeyBoundsTest {

    @Test
    void givenZeroResistance_whenLoaded_thenTheExactOneLineMessage() {
        String yaml = simWith("resistanceOhm20C: 2.5", "resistanceOhm20C: 0");

        ConfigException e = loadError(yaml);

        assertThat(e.getMessage()).isEqualTo("bad.yaml:" + lineOf(yaml, "resistanceOhm20C")
                + ": motor.resistanceOhm20C: 0 is out of range; allowed 0.1 to 100 ohm");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            minVolts: 11.4               | minVolts: 2                 | supply.minVolts              | 2 is out of range; allowed 3 to 48 V
            torqueConstantNmPerA: 0.010  | torqueConstantNmPerA: 10    | motor.torqueConstantNmPerA   | allowed 0.001 to 0.1 N m/A
            maxWindingCelsius: 100       | maxWindingCelsius: 300      | motor.maxWindingCelsius      | allowed 40 to 180 °C
            inertiaKgM2: 2.5e-7          | inertiaKgM2: 0              | motor.inertiaKgM2            | 0 is out of range; allowed 1E-9 to 0.0001 kg m2
            frictionTorqueNm: 0.0003     | frictionTorqueNm: -0.1      | motor.frictionTorqueNm       | allowed 0 to 0.05 N m
            viscousNmPerRadPerS: 1.0e-7  | viscousNmPerRadPerS: 1.0    | motor.viscousNmPerRadPerS    | allowed 0 to 0.001 N m s/rad
            maxDutyFraction: 0.90        | maxDutyFraction: 0          | motor.maxDutyFraction        | 0 is out of range; allowed above 0 up to 1
            maxDutyFraction: 0.90        | maxDutyFraction: 1.2        | motor.maxDutyFraction        | 1.2 is out of range; allowed above 0 up to 1
            maxCurrentAmps: 1.5          | maxCurrentAmps: 0           | motor.maxCurrentAmps         | allowed 0.05 to 10 A
            deadmanMillis: 50            | deadmanMillis: 2            | motor.deadmanMillis          | 2 is out of range; allowed 5 to 1000 ms
            deadmanMillis: 50            | deadmanMillis: 2000         | motor.deadmanMillis          | 2000 is out of range; allowed 5 to 1000 ms
            strokeMm: 3.0                | strokeMm: 30                | cam.strokeMm                 | allowed 0.5 to 6 mm
            carrierMassKg: 0.002         | carrierMassKg: 2            | cam.carrierMassKg            | allowed 0.0001 to 0.05 kg
            springPreloadN: 3.0          | springPreloadN: -1          | cam.springPreloadN           | allowed 0 to 50 N
            springRateNPerMm: 0.8        | springRateNPerMm: 800       | cam.springRateNPerMm         | allowed 0 to 20 N/mm
            springMargin: 1.5            | springMargin: 0.9           | cam.springMargin             | allowed 1 to 10
            stepsPerMm: 3200             | stepsPerMm: 0               | collar.stepsPerMm            | allowed 10 to 100000 steps/mm
            homeDepthMm: -0.6            | homeDepthMm: -6             | collar.homeDepthMm           | allowed -5 to 0 mm
            absoluteMaxDepthMm: 2.8      | absoluteMaxDepthMm: 25      | collar.absoluteMaxDepthMm    | allowed 0.1 to 5 mm
            maxSpeedMmPerS: 2.0          | maxSpeedMmPerS: 0           | collar.maxSpeedMmPerS        | allowed 0.1 to 50 mm/s
            accelMmPerS2: 20.0           | accelMmPerS2: 0             | collar.accelMmPerS2          | allowed 1 to 1000 mm/s2
            minHz: 50                    | minHz: 0                    | rate.minHz                   | 0 is out of range; allowed 1 to 300 Hz
            insertionForcePerNeedleN: 0.15 | insertionForcePerNeedleN: 15 | skin.insertionForcePerNeedleN | allowed 0.01 to 5 N
            withdrawalFraction: 0.3      | withdrawalFraction: 1.3     | skin.withdrawalFraction      | allowed 0 to 1
            periodMicros: 1000           | periodMicros: 50            | loop.periodMicros            | 50 is out of range; allowed 100 to 10000 µs
            periodMicros: 1000           | periodMicros: 20000         | loop.periodMicros            | 20000 is out of range; allowed 100 to 10000 µs
            sampleRateHz: 10             | sampleRateHz: 0             | telemetry.sampleRateHz       | 0 is out of range; allowed above 0 up to 100 Hz
            sampleRateHz: 10             | sampleRateHz: 150           | telemetry.sampleRateHz       | 150 is out of range; allowed above 0 up to 100 Hz
            """)
    void givenValueOutsideItsPhysicalRange_whenLoaded_thenOutOfRangeNamingTheRange(
            String from, String to, String path, String reason) {
        String yaml = simWith(from, to);
        String key = to.substring(0, to.indexOf(':') + 1);

        assertError(loadError(yaml), path, lineOf(yaml, key), reason);
    }

    @Test
    void givenFullDuty_whenLoaded_thenAcceptedAsTheInclusiveTop() {
        DeviceProfile p = ProfileLoader.parse(simWith("maxDutyFraction: 0.90", "maxDutyFraction: 1.0"), "ok.yaml");

        assertThat(p.motor().maxDutyFraction()).isEqualTo(1.0);
    }
}
