package com.needlepen.config;

/**
 * Telemetry publishing.
 *
 * @param sampleRateHz  samples per second while a run is active
 * @param brokerUrl     MQTT broker, e.g. {@code tcp://localhost:1883}; {@code null} when the tool
 *                      should choose (the simulator starts an in-JVM broker)
 * @param deviceId      this pen's id, part of every topic
 * @param topicPrefix   first topic level
 */
public record TelemetrySpec(double sampleRateHz, String brokerUrl, String deviceId, String topicPrefix) {

    /** The topic root for this device: {@code prefix/deviceId}. */
    public String deviceTopic() {
        return topicPrefix + "/" + deviceId;
    }
}
