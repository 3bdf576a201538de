package com.needlepen.firmware.session;

/** A depth or rate change within a session. {@code what} is {@code depthMm} or {@code rateHz}. */
public record SettingChange(long atNanos, String what, double from, double to) {
}
