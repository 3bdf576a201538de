package com.needlepen.config.calibration;

/** A calibration that cannot be used, with a one-line reason for the person who must fix it. */
public final class CalibrationException extends RuntimeException {

    public CalibrationException(String message) {
        super(message);
    }
}
