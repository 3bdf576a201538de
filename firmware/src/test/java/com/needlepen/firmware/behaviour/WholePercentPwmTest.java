package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.state.PenState;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.StrokeMotorDriver;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Why the Pi backend writes its PWM's duty through sysfs in nanoseconds and not through Pi4J 3.0.x's {@code Pwm}
 * (docs/wiring.md): Pi4J takes the duty as a whole percent, and writes period and duty with the output disabled on
 * every {@code on()}, which at the loop's 1 kHz is an output off (the bridge's input low: braking) for the time the
 * sysfs writes take, in every tick. Measured here on the simulated pen with its motor driver behind a decorator that
 * does what Pi4J's would: the duty rounded to whole percent, and each change costing the tick {@value #GLITCH_MICROS} µs
 * of braking (three sysfs writes; assumed, not measured on a Pi), against the same pen with the duty as the regulator
 * asks (the sysfs path's 25 ns steps are below anything the regulator sees). The figures are the test's printout.
 */
class WholePercentPwmTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    static final long GLITCH_MICROS = 30;

    /** A motor driver as Pi4J's Pwm would drive it: whole-percent duty, a braking glitch per change. */
    static final class WholePercent implements StrokeMotorDriver {
        private final StrokeMotorDriver inner;
        private double lastAsked = -1;

        WholePercent(StrokeMotorDriver inner) {
            this.inner = inner;
        }

        @Override
        public void setDutyFraction(double d) {
            double percent = Math.round(d * 100.0) / 100.0;
            // the tick's mean duty: the glitch brakes for GLITCH_MICROS of the 1,000 us tick when the duty is rewritten
            double mean = percent != lastAsked ? percent * (1.0 - GLITCH_MICROS / 1000.0) : percent;
            lastAsked = percent;
            inner.setDutyFraction(mean);
        }

        @Override public void enable(long nowNanos) { inner.enable(nowNanos); }
        @Override public void disable() { inner.disable(); }
        @Override public boolean isEnabled() { return inner.isEnabled(); }
        @Override public double dutyFraction() { return inner.dutyFraction(); }
        @Override public void brake() { inner.brake(); lastAsked = 0; }
        @Override public void refreshDeadman(long nowNanos) { inner.refreshDeadman(nowNanos); }
        @Override public long deadmanTimeoutNanos() { return inner.deadmanTimeoutNanos(); }
        @Override public boolean deadmanExpired() { return inner.deadmanExpired(); }
    }

    private static PenHardware wholePercent(PenHardware hw) {
        return new PenHardware(hw.clock(), new WholePercent(hw.motor()), hw.index(), hw.collar(), hw.panel(),
                hw.indicators(), hw.display(), hw.cartridge(), hw.sensors(), hw.enableTimer(), hw.watchdog(),
                hw.handpiece(), hw.brakeMonitor());
    }

    /** Rate figures of a 10 s run after spin-up: mean |error| and the largest, Hz; spin-up time, ms. */
    record Figures(double meanAbsErrorHz, double maxAbsErrorHz, long spinUpMillis, PenState state, String fault) {
    }

    private static Figures run(double rateHz, boolean onSkin, UnaryOperator<PenHardware> wiring) {
        PenBench bench = PenBench.wired(SIM, "24-pin", 1.0, rateHz, 7, com.needlepen.firmware.telemetry.TelemetrySink.NONE,
                wiring).insertCartridge();
        bench.ready();
        bench.sim.setSkinContact(onSkin);
        bench.click(PanelButton.START_STOP).running();
        long started = bench.now();
        boolean spun = bench.runner.runUntil(() -> bench.controller.status().spunUp()
                || bench.controller.status().state() != PenState.RUNNING, 5 * S) && bench.controller.status().spunUp();
        long spinUp = spun ? (bench.now() - started) / MS : -1;
        if (!spun) {
            return new Figures(Double.NaN, Double.NaN, -1, bench.controller.status().state(),
                    String.valueOf(bench.controller.status().fault()));
        }
        double sum = 0;
        double max = 0;
        int n = 0;
        for (int i = 0; i < 10_000; i++) {
            bench.run(MS);
            double err = Math.abs(bench.controller.status().measuredRateHz() - rateHz);
            sum += err;
            max = Math.max(max, err);
            n++;
        }
        return new Figures(sum / n, max, spinUp, bench.controller.status().state(),
                String.valueOf(bench.controller.status().fault()));
    }

    @Test
    void givenPi4jsWholePercentDuty_thenTheRateHuntsWiderThanWithTheDutyAsAsked_measuredAt50And150Hz() {
        for (double rate : new double[] {50, 150}) {
            Figures direct = run(rate, true, UnaryOperator.identity());
            Figures pi4j = run(rate, true, WholePercentPwmTest::wholePercent);
            System.out.printf(Locale.ROOT, "PWM at %.0f Hz on skin: duty as asked (sysfs, ns): mean |error| %.3f Hz, max %.3f Hz,"
                            + " spin-up %d ms; whole percent with a %d us glitch a change (Pi4J's Pwm): mean |error| %.3f Hz,"
                            + " max %.3f Hz, spin-up %d ms, %s (fault %s)%n", rate, direct.meanAbsErrorHz(),
                    direct.maxAbsErrorHz(), direct.spinUpMillis(), GLITCH_MICROS, pi4j.meanAbsErrorHz(), pi4j.maxAbsErrorHz(),
                    pi4j.spinUpMillis(), pi4j.state(), pi4j.fault());
            assertThat(direct.state()).as("the duty as asked: %s", direct.fault()).isEqualTo(PenState.RUNNING);
            // what the measurement is for: the whole-percent path is no better than the direct one (or never spins up)
            assertThat(pi4j.spinUpMillis() < 0 || pi4j.meanAbsErrorHz() >= direct.meanAbsErrorHz()).isTrue();
        }
    }
}
