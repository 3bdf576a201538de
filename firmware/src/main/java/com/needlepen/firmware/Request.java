package com.needlepen.firmware;

/**
 * A request handed to the control thread by anything else (the CLI, a scenario): the thread that
 * owns the hardware is the only one that acts on it.
 *
 * @param kind     what is asked
 * @param value    the depth in mm or the rate in Hz, for those kinds
 * @param name     the preset name, for {@link Kind#SELECT_PRESET}
 */
public record Request(Kind kind, double value, String name) {

    public enum Kind {
        START, STOP, SET_DEPTH, SET_RATE, SELECT_PRESET, ACKNOWLEDGE, END_SESSION, SHUTDOWN,
        /** Technician: READY to CALIBRATING. */
        CALIBRATE,
        /** Technician, while CALIBRATING: collar to a nominal (uncalibrated) depth, {@code value} mm. */
        CALIBRATION_MOVE,
        /** Technician, in READY: home the collar again. */
        HOME,
        /** Technician, in READY: move the collar by {@code value} mm (nominal), within its travel. */
        JOG,
        /** As the panel's CONFIRM button: a depth above the ceiling, or a cartridge without an id as new. */
        CONFIRM
    }

    public static Request confirm() {
        return new Request(Kind.CONFIRM, 0, null);
    }

    public static Request start() {
        return new Request(Kind.START, 0, null);
    }

    public static Request stop() {
        return new Request(Kind.STOP, 0, null);
    }

    public static Request depth(double depthMm) {
        return new Request(Kind.SET_DEPTH, depthMm, null);
    }

    public static Request rate(double rateHz) {
        return new Request(Kind.SET_RATE, rateHz, null);
    }

    public static Request preset(String presetName) {
        return new Request(Kind.SELECT_PRESET, 0, presetName);
    }

    public static Request acknowledge() {
        return new Request(Kind.ACKNOWLEDGE, 0, null);
    }

    public static Request calibrate() {
        return new Request(Kind.CALIBRATE, 0, null);
    }

    public static Request calibrationMove(double nominalDepthMm) {
        return new Request(Kind.CALIBRATION_MOVE, nominalDepthMm, null);
    }

    public static Request home() {
        return new Request(Kind.HOME, 0, null);
    }

    public static Request jog(double mm) {
        return new Request(Kind.JOG, mm, null);
    }

    public static Request endSession() {
        return new Request(Kind.END_SESSION, 0, null);
    }

    /**
     * The program is told to stop (SIGTERM, SIGINT): a run stops as at the stop button (brake, park),
     * a zero check is withdrawn, and the open session closes with reason "shutdown" (without the
     * closing zero check: the pen is going down). {@link PenController#shutDown()} says when it is done.
     */
    public static Request shutdown() {
        return new Request(Kind.SHUTDOWN, 0, null);
    }
}
