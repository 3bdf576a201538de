package com.needlepen.firmware.mqtt;

import java.io.IOException;

/** Why a publish or subscribe did not happen; the caller keeps the message and retries later. */
public final class MqttTransportException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for people */
    public MqttTransportException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, for people
     * @param cause   the client library's exception
     */
    public MqttTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
