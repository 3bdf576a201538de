package com.needlepen.firmware.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest(name = "{0}")
    // the problems quote with ', so ' is not the CSV's quote (JUnit 6's parser refuses a field that opens with one)
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "port above 65535   | tcp://broker.local:99999          | port 99999 is outside 1..65535",
            "port 0             | tcp://broker.local:0              | port 0 is outside 1..65535",
            "port too long      | tcp://broker.local:123456789012   | 'broker.local:123456789012' is not a host name or address with a port",
            "port missing       | tcp://broker.local:               | the port after ':' is missing",
            "path               | tcp://broker.local:1883/foo       | a path ('/foo') is not allowed",
            "trailing slash     | tcp://broker.local:1883/          | a path ('/') is not allowed",
            "query              | tcp://broker.local:1883?x=1       | a query ('?x=1') is not allowed",
            "fragment           | tcp://broker.local:1883#x         | a fragment ('#x') is not allowed",
            "user info          | tcp://pen@broker.local:1883       | user info 'pen@' is not supported",
            "TLS                | ssl://broker.local:8883           | scheme 'ssl' is not supported",
            "no scheme          | broker.local:1883                 | it does not start with tcp://",
            "no host            | tcp:///x                          | no host",
            "not a URL          | tcp://broker local:1883           | not a URL (Illegal character in authority at index 12)"})
    void givenABrokerUrlPahoWouldRetryForeverOrIgnorePartOf_thenRefusedInOneLineNamingItWhatIsWrongAndWhatIsAllowed(
            String name, String url, String problem) {
        assertThatThrownBy(() -> MqttSettings.of(url, "pen-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broker URL '" + url + "': " + problem + "; " + BrokerAddress.ALLOWED)
                .hasMessageNotContaining("\n");
    }

    @Test
    void givenAUrlWithoutAPortOrWithAnAddressLiteral_thenAcceptedWithMqttsDefaultPortOrTheAddress() {
        assertThat(MqttSettings.of("tcp://broker.local", "pen-1").brokerAddress())
                .isEqualTo(new BrokerAddress("broker.local", 1883));
        assertThat(MqttSettings.of("tcp://127.0.0.1:65535", "pen-1").brokerAddress())
                .isEqualTo(new BrokerAddress("127.0.0.1", 65_535));
        assertThat(MqttSettings.of("tcp://[::1]:1", "pen-1").brokerAddress())
                .isEqualTo(new BrokerAddress("[::1]", 1));
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
