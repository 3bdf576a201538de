package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledProfilesTest {

    @Test
    void givenBundledSim_whenLoaded_thenEveryNumberIsAsWritten() {
        DeviceProfile p = ProfileLoader.bundled("sim");

        assertThat(p.name()).isEqualTo("sim");
        assertThat(p.source()).isEqualTo("profiles/sim.yaml");
        assertThat(p.backend()).isEqualTo("sim");
        assertThat(p.supply()).isEqualTo(new SupplySpec(11.4, 12.0, 12.6));
        assertThat(p.motor()).isEqualTo(new MotorSpec(0.010, 2.5, 100, 2.5e-7, 0.0003, 1.0e-7, 0.90, 1.5, 50));
        assertThat(p.cam()).isEqualTo(new CamSpec(3.0, 0.002, 3.0, 0.8, 1.5));
        assertThat(p.collar()).isEqualTo(new CollarSpec(3200, 3.6, HomeSide.SHALLOW, -0.6, 2.8, 0.2, 2.0, 20.0, 0.05, 0.08));
        assertThat(p.depth()).isEqualTo(new DepthSpec(0.0, 2.5, 0.05, 1.5, false));
        assertThat(p.rate()).isEqualTo(new RateSpec(50, 150, 5));
        assertThat(p.skin()).isEqualTo(new SkinSpec(0.15, 0.3));
        assertThat(p.cartridges()).containsExactly(
                new CartridgeType("12-pin", 12, 150, 2.5),
                new CartridgeType("24-pin", 24, 150, 2.0),
                new CartridgeType("36-pin", 36, 150, 1.5));
        assertThat(p.presets()).containsExactly(
                new Preset("forehead", 0.5, 120),
                new Preset("cheeks", 1.0, 100),
                new Preset("acne-scars", 1.5, 100));
        assertThat(p.loop()).isEqualTo(new LoopSpec(1000, LoopSpec.Wait.PARK_THEN_SPIN, 100));
        assertThat(p.telemetry()).isEqualTo(new TelemetrySpec(10, null, "np-sim-0001", "needlepen"));
    }

    @Test
    void givenBundledCompact_whenLoaded_thenEveryNumberIsAsWritten() {
        DeviceProfile p = ProfileLoader.bundled("compact");

        assertThat(p.name()).isEqualTo("compact");
        assertThat(p.source()).isEqualTo("profiles/compact.yaml");
        assertThat(p.backend()).isEqualTo("sim");
        assertThat(p.supply()).isEqualTo(new SupplySpec(11.4, 12.0, 12.6));
        assertThat(p.motor()).isEqualTo(new MotorSpec(0.012, 4.0, 100, 1.6e-7, 0.0003, 1.0e-7, 0.90, 1.0, 50));
        assertThat(p.cam()).isEqualTo(new CamSpec(2.5, 0.0015, 2.5, 0.6, 1.5));
        assertThat(p.collar()).isEqualTo(new CollarSpec(3200, 3.0, HomeSide.SHALLOW, -0.5, 2.0, 0.5, 2.0, 20.0, 0.05, 0.08));
        assertThat(p.depth()).isEqualTo(new DepthSpec(0.0, 1.7, 0.05, 1.5, false));
        assertThat(p.rate()).isEqualTo(new RateSpec(40, 120, 5));
        assertThat(p.cartridges()).containsExactly(
                new CartridgeType("12-pin", 12, 120, 1.7),
                new CartridgeType("24-pin", 24, 120, 1.5),
                new CartridgeType("36-pin", 36, 110, 1.0));
        assertThat(p.presets()).extracting(Preset::name).containsExactly("forehead", "cheeks", "acne-scars");
        assertThat(p.telemetry()).isEqualTo(new TelemetrySpec(10, null, "np-compact-0001", "needlepen"));
    }

    @Test
    void givenEveryBundledName_whenLoaded_thenItLoadsUnderItsOwnName() {
        for (String name : ProfileLoader.BUNDLED) {
            assertThat(ProfileLoader.bundled(name).name()).isEqualTo(name);
        }
    }

    @Test
    void givenSim36PinCartridgeAtTheCeiling_whenWorstCaseRateComputed_thenAtLeast150Hz() {
        DeviceProfile p = ProfileLoader.bundled("sim");
        CartridgeType pin36 = p.cartridges().get(2);

        double hz = p.motorLimits().maxRateHz(1.5, pin36.needles());

        System.out.printf("sim: %s at 1.5 mm reaches %.2f Hz %s (hot winding, 90 %% duty)%n",
                pin36.name(), hz, p.motorLimits().worstCaseWords());
        assertThat(pin36.needles()).isEqualTo(36);
        assertThat(hz).isGreaterThanOrEqualTo(150.0);
    }

    @Test
    void givenCompact_whenEachCartridgeAtItsDeepestSelectableDepth_thenItsMaxRateIsReachable() {
        DeviceProfile p = ProfileLoader.bundled("compact");
        MotorLimits limits = p.motorLimits();

        for (CartridgeType t : p.cartridges()) {
            double depth = Math.min(t.maxDepthMm(), p.depth().selectableMaxMm());
            double hz = limits.maxRateHz(depth, t.needles());
            System.out.printf("compact: %s at %.1f mm reaches %.2f Hz (needs %.0f)%n", t.name(), depth, hz, t.maxRateHz());
            assertThat(hz).isGreaterThanOrEqualTo(t.maxRateHz());
        }
        assertThat(limits.springLimitedRateHz()).isGreaterThanOrEqualTo(p.rate().maxHz());
        assertThat(p.rate().maxHz()).isBetween(100.0, 120.0);
    }

    @Test
    void givenSimWrittenToDisk_whenLoadedByPath_thenSourceIsThePathAndValuesMatch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sim.yaml");
        Files.writeString(file, ProfileYaml.sim());

        DeviceProfile p = ProfileLoader.load(file);

        assertThat(p.source()).isEqualTo(file.toString());
        assertThat(p).usingRecursiveComparison().ignoringFields("source").isEqualTo(ProfileLoader.bundled("sim"));
    }

    @Test
    void givenOptionalKeysLeftOut_whenLoaded_thenDocumentedDefaultsApply() {
        String yaml = ProfileYaml.replaceOnce(ProfileYaml.sim(), "  sampleRateHz: 10\n", "");
        yaml = ProfileYaml.replaceOnce(yaml, "  brokerUrl: null        # null: the simulator starts an in-JVM broker\n", "");
        yaml = ProfileYaml.replaceOnce(yaml, "  unlockAboveCeiling: false\n", "");

        DeviceProfile p = ProfileLoader.parse(yaml, "defaults.yaml");

        assertThat(p.telemetry().sampleRateHz()).isEqualTo(10.0);
        assertThat(p.telemetry().brokerUrl()).isNull();
        assertThat(p.depth().unlockAboveCeiling()).isFalse();
    }

    @Test
    void givenBrokerUrlAndUnlock_whenLoaded_thenTheyAreTakenAsWritten() {
        String yaml = ProfileYaml.simWith("brokerUrl: null", "brokerUrl: tcp://broker.local:1883");
        yaml = ProfileYaml.replaceOnce(yaml, "unlockAboveCeiling: false", "unlockAboveCeiling: true");

        DeviceProfile p = ProfileLoader.parse(yaml, "ok.yaml");

        assertThat(p.telemetry().brokerUrl()).isEqualTo("tcp://broker.local:1883");
        assertThat(p.depth().selectableMaxMm()).isEqualTo(2.5);
        assertThat(p.motorLimits().maxRateHz(0, 0)).isCloseTo(161.19, within(0.01));
    }

    @Test
    void givenUnknownBundledName_whenLoaded_thenOneLineErrorListsTheBundledNames() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ProfileLoader.bundled("nope"));

        assertThat(e.getMessage()).isEqualTo("profiles/nope.yaml: no bundled profile named 'nope'; bundled: sim, compact, pi-tmc5160, pi-tmc2209");
        assertThat(e.line()).isZero();
    }
}
