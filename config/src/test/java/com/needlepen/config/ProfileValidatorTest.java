package com.needlepen.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Validating a profile built in code, where there are no lines to point at. */
class ProfileValidatorTest {

    private static DeviceProfile withDepth(DeviceProfile p, DepthSpec depth) {
        return new DeviceProfile(p.name(), p.source(), p.backend(), p.supply(), p.motor(), p.cam(), p.collar(), depth,
                p.rate(), p.skin(), p.cartridges(), p.presets(), p.loop(), p.telemetry(), p.calibration(), p.safety(),
                p.tuning(), p.thermal(), p.hardware());
    }

    @Test
    void givenTheBundledProfiles_whenValidatedAgain_thenNoViolation() {
        for (String name : ProfileLoader.BUNDLED) {
            assertThatCode(() -> ProfileValidator.validate(ProfileLoader.bundled(name))).doesNotThrowAnyException();
        }
    }

    @Test
    void givenAProfileBuiltInCodeAboveTheCeiling_whenValidated_thenMessageHasSourceAndPathButNoLine() {
        DeviceProfile sim = ProfileLoader.bundled("sim");
        DeviceProfile deep = withDepth(sim, new DepthSpec(0.0, 2.5, 0.05, 2.0, false));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ProfileValidator.validate(deep));

        assertThat(e.getMessage()).isEqualTo("profiles/sim.yaml: depth.ceilingMm: 2 mm is above the 1.5 mm safe ceiling; "
                + "allowed at most 1.5 mm unless depth.unlockAboveCeiling is true");
        assertThat(e.line()).isZero();
        assertThat(e.fieldPath()).isEqualTo("depth.ceilingMm");
    }
}
