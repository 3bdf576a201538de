package com.needlepen.firmware.panel;

/**
 * Writes numbers into a reusable builder without allocating (StringBuilder.append(double) may),
 * for the pen's display on the control thread.
 */
public final class StatusText {

    private StatusText() {
    }

    /** Appends {@code value} with {@code decimals} digits after the point (0 to 3). */
    public static StringBuilder fixed(StringBuilder sb, double value, int decimals) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            sb.append('-');
        }
        sb.append(scaled / scale);
        if (decimals > 0) {
            sb.append('.');
            long frac = scaled % scale;
            for (long div = scale / 10; div > 0; div /= 10) {
                sb.append((char) ('0' + (frac / div) % 10));
            }
        }
        return sb;
    }
}
