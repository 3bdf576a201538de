package com.needlepen.config;

import static com.needlepen.config.ProfileYaml.assertError;
import static com.needlepen.config.ProfileYaml.lineOf;
import static com.needlepen.config.ProfileYaml.loadError;
import static com.needlepen.config.ProfileYaml.simWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Profile name, backend, telemetry addressing. */
class IdentityRulesTest {

    @Test
    void givenABackendTheProgramDoesNotHave_whenLoadedByIt_thenTheKnownBackendsAreNamedAtTheLine() {
        String yaml = simWith("backend: sim", "backend: nonsense");

        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ProfileLoader.parse(yaml, "bad.yaml", java.util.List.of("sim")));
        assertError(e, "backend", lineOf(yaml, "backend:"), "'nonsense' is not a known backend; known backends: sim");
    }

    @Test
    void givenABackendNameThatIsNotAName_whenLoaded_thenRefused() {
        String yaml = simWith("backend: sim", "backend: 'Pi 4'");

        assertError(loadError(yaml), "backend", lineOf(yaml, "backend:"), "'Pi 4' is not a backend name");
    }

    @Test
    void givenAWellFormedBackendName_whenLoadedWithoutAKnownSet_thenTheProgramOpeningThePenDecides() {
        assertThat(ProfileLoader.parse(simWith("backend: sim", "backend: rig-7"), "ok.yaml").backend()).isEqualTo("rig-7");
    }

    @Test
    void givenEmptyProfileName_whenLoaded_thenRejected() {
        String yaml = simWith("profile: sim", "profile: ''");

        assertError(loadError(yaml), "profile", lineOf(yaml, "profile:"), "must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"np/sim", "np sim", "np+#", "''"})
    void givenDeviceIdThatIsNotATopicLevel_whenLoaded_thenRejected(String id) {
        String yaml = simWith("deviceId: np-sim-0001", "deviceId: " + (id.contains(" ") ? "'" + id + "'" : id));

        assertError(loadError(yaml), "telemetry.deviceId", lineOf(yaml, "deviceId"),
                "is not allowed; use one or more of A-Z a-z 0-9 . _ -");
    }

    @Test
    void givenTopicPrefixWithASlash_whenLoaded_thenRejected() {
        String yaml = simWith("topicPrefix: needlepen", "topicPrefix: needle/pen");

        assertError(loadError(yaml), "telemetry.topicPrefix", lineOf(yaml, "topicPrefix"), "'needle/pen' is not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://broker:1883", "ssl://broker:8883", "ws://broker/mqtt"})
    void givenABrokerUrlTheTransportCannotUse_whenLoaded_thenAllowedSchemesNamed(String url) {
        // the transport makes plain TCP connections only: a profile must not load with a URL it would refuse
        String yaml = simWith("brokerUrl: null", "brokerUrl: " + url);

        assertError(loadError(yaml), "telemetry.brokerUrl", lineOf(yaml, "brokerUrl"),
                "'" + url + "' is not a broker address; allowed null or a URL starting with tcp://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://localhost:1883", "tcp://broker.example:8883"})
    void givenBrokerUrlWithAnAllowedScheme_whenLoaded_thenAccepted(String url) {
        assertThat(ProfileLoader.parse(simWith("brokerUrl: null", "brokerUrl: " + url), "ok.yaml").telemetry().brokerUrl())
                .isEqualTo(url);
    }
}
