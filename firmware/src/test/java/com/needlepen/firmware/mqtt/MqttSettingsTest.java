package com.needlepen.firmware.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttSettingsTest {

    private static final MqttSettings GOOD = MqttSettings.of("tcp://broker.local:1883", "pen-1");

    @Test
    void givenDefaults_thenTheyAreUsable() {
        assertThat(GOOD.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(GOOD.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(GOOD.maxInFlight()).isEqualTo(MqttSettings.DEFAULT_MAX_IN_FLIGHT);
        assertThat(GOOD.will()).isNull();
    }

    @Test
    void givenAUrlWithoutAKnownScheme_thenRefusedNamingTheUrlAndTheForm() {
        assertThatThrownBy(() -> MqttSettings.of("http://broker.local", "pen-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://broker.local").hasMessageContaining("tcp://host:port");
    }

    @Test
    void givenABlankClientId_thenRefused() {
        assertThatThrownBy(() -> MqttSettings.of("tcp://broker.local:1883", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }

    @Test
    void givenSubSecondTimes_thenRefusedBecauseMqttCountsSeconds() {
        assertThatThrownBy(() -> new MqttSettings(GOOD.brokerUrl(), GOOD.clientId(), Duration.ofMillis(1500),
                GOOD.keepAlive(), 10, null)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> new MqttSettings(GOOD.brokerUrl(), GOOD.clientId(), GOOD.connectTimeout(),
                Duration.ZERO, 10, null)).hasMessageContaining("keepAlive");
    }

    @Test
    void givenAnInFlightLimitOutsideWhatMqttAllows_thenRefused() {
        assertThatThrownBy(() -> new MqttSettings(GOOD.brokerUrl(), GOOD.clientId(), GOOD.connectTimeout(),
                GOOD.keepAlive(), 0, null)).hasMessageContaining("maxInFlight 0 is outside 1..65535");
    }

    @Test
    void givenAWill_thenItsPayloadCannotBeChangedFromOutside() {
        byte[] payload = {'o', 'f', 'f'};
        MqttSettings.Will will = new MqttSettings.Will("pens/p1/status", payload, 1, true);

        payload[0] = 'X';
        will.payload()[1] = 'X';

        assertThat(will.payload()).containsExactly('o', 'f', 'f');
    }

    @Test
    void givenAWillWithAWildcardOrBadQos_thenRefused() {
        assertThatThrownBy(() -> new MqttSettings.Will("pens/+/status", new byte[0], 1, true))
                .hasMessageContaining("wildcards");
        assertThatThrownBy(() -> new MqttSettings.Will("pens/p1/status", new byte[0], 3, true))
                .hasMessageContaining("will qos 3");
    }
}
