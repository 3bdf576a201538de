package com.needlepen.firmware.drive;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.hal.AnalogSensors;
import com.needlepen.hal.IndexSensor;
import com.needlepen.hal.StrokeMotorDriver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The stroke drive's HAL as plain fields a test sets and reads: index edges handed over as queued,
 * a current and supply the test chooses, and the duty the firmware last commanded. For tests of
 * what the firmware does with its inputs, without a plant.
 */
public final class FakeDriveHardware implements StrokeMotorDriver, IndexSensor, AnalogSensors {

    public final ArrayDeque<Long> edges = new ArrayDeque<>();
    public double currentAmps;
    /**
     * When a number: the monitor's signed reading, offset in, and its magnitude is this reading's, as a Pi's INA226
     * driver reports it; {@link #currentAmps} is then not read.
     */
    public double signedAmps = Double.NaN;
    /** The motor supply the sensors read. */
    public double supplyVolts = 12;
    public boolean indexActive;
    /** What the platform vouches its edges complete through ({@code IndexSensor.edgesCompleteThroughNanos}). */
    public long completeThroughNanos = Long.MAX_VALUE;
    public double duty;
    public boolean braked;
    /** What the driver's dead-man says; a test sets it to show a driver that disabled itself. */
    public boolean deadmanExpired;
    private boolean enabled;

    /**
     * The bundled sim profile with each {@code from} (which must occur once) replaced by the {@code to}
     * after it: pairs of from, to.
     */
    public static DeviceProfile simWith(String... fromTo) {
        try (InputStream in = ProfileLoader.class.getClassLoader().getResourceAsStream("profiles/sim.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < fromTo.length; i += 2) {
                String from = fromTo[i];
                if (text.indexOf(from) < 0 || text.indexOf(from) != text.lastIndexOf(from)) {
                    throw new IllegalArgumentException("'" + from + "' is not in sim.yaml exactly once");
                }
                text = text.replace(from, fromTo[i + 1]);
            }
            return ProfileLoader.parse(text, "sim-tuned.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public StrokeDrive drive(DeviceProfile profile) {
        return new StrokeDrive(this, this, this, () -> !enabled, profile);
    }

    /** Queues index edges every {@code periodNanos} from {@code fromNanos}, {@code count} of them. */
    public void edgesEvery(long periodNanos, long fromNanos, int count) {
        for (int i = 0; i < count; i++) {
            edges.add(fromNanos + i * periodNanos);
        }
    }

    @Override
    public int drainEdges(long[] timestampsNanos) {
        int n = 0;
        while (n < timestampsNanos.length && !edges.isEmpty()) {
            timestampsNanos[n++] = edges.poll();
        }
        return n;
    }

    @Override
    public boolean isActive() {
        return indexActive;
    }

    @Override
    public long edgesCompleteThroughNanos() {
        return completeThroughNanos;
    }

    /** Edges the platform lost, as a test sets it. */
    public long droppedEdges;

    @Override
    public long droppedEdgeCount() {
        return droppedEdges;
    }

    @Override
    public void enable(long nowNanos) {
        enabled = true;
    }

    @Override
    public void disable() {
        enabled = false;
        duty = 0;
        braked = true;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setDutyFraction(double dutyFraction) {
        duty = dutyFraction;
        braked = false;
    }

    @Override
    public double dutyFraction() {
        return duty;
    }

    @Override
    public void brake() {
        duty = 0;
        braked = true;
    }

    @Override
    public void refreshDeadman(long nowNanos) {
    }

    @Override
    public long deadmanTimeoutNanos() {
        return 50_000_000L;
    }

    @Override
    public boolean deadmanExpired() {
        return deadmanExpired;
    }

    @Override
    public double motorCurrentAmps() {
        return Double.isNaN(signedAmps) ? currentAmps : Math.abs(signedAmps);
    }

    @Override
    public double motorCurrentSignedAmps() {
        return Double.isNaN(signedAmps) ? currentAmps : signedAmps;
    }

    @Override
    public double handpieceCelsius() {
        return 30;
    }

    @Override
    public double supplyVolts() {
        return supplyVolts;
    }
}
