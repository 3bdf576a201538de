package com.needlepen.hal.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.needlepen.config.DeviceProfile;
import org.junit.jupiter.api.Test;

class BackendsTest {

    static PenBackend named(String name) {
        return new PenBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public OpenedPen open(DeviceProfile profile, BackendOptions options) {
                throw new BackendException(name + ": not openable in this test");
            }
        };
    }

    @Test
    void givenTwoBackends_whenOneIsAskedForByName_thenItIsFound() {
        Backends backends = Backends.of(named("sim"), named("pi4j"));

        assertThat(backends.named("pi4j", "p.yaml: backend").name()).isEqualTo("pi4j");
        assertThat(backends.names()).containsExactly("pi4j", "sim");
    }

    @Test
    void givenAnUnknownName_whenAskedFor_thenOneLineSaysWhereItCameFromAndListsTheKnownOnes() {
        Backends backends = Backends.of(named("sim"));

        assertThatThrownBy(() -> backends.named("nonsense", "bad.yaml: backend"))
                .isInstanceOf(BackendException.class)
                .hasMessage("bad.yaml: backend: backend 'nonsense' is not known; known backends: sim");
    }

    @Test
    void givenThisModulesOwnClassPath_whenInstalledBackendsAreListed_thenThereAreNone() {
        // backends are provided by their own modules (hal/sim, later hal/pi4j), never by this one
        assertThat(Backends.installed().names()).isEmpty();
    }
}
