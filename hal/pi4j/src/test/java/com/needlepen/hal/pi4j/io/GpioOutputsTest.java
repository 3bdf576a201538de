package com.needlepen.hal.pi4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.hal.BuzzerPattern;
import com.needlepen.hal.LedPattern;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Pi's digital outputs and the inputs that judge them, on Pi4J's mock provider: the motor's enable safe (low)
 * from the start and after shutdown, the enable timer fed by edges, the brake monitor's sense, the cartridge switch
 * and code, the LED's and buzzer's patterns in virtual time.
 */
class GpioOutputsTest {

    private static final long MS = 1_000_000L;
    private final Context pi = MockLines.context();
    private final DigitalLines lines = new DigitalLines(pi);

    @AfterEach
    void shutdown() {
        pi.shutdown();
    }

    @Test
    void givenTheMotorsEnable_thenLowFromTheStart_highOnlyWhileEnabled_andLowAfterTheContextShutsDown() {
        DigitalOutput enable = lines.output("motor-enable", 23, DigitalState.LOW);
        assertThat(enable.state()).isEqualTo(DigitalState.LOW);
        RecordingPwm pwm = new RecordingPwm();
        PwmMotorDriver motor = new PwmMotorDriver(enable, pwm, 50 * MS);
        motor.setDutyFraction(0.5);
        assertThat(enable.state()).isEqualTo(DigitalState.LOW);
        assertThat(pwm.duties()).as("no duty while disabled").isEmpty();
        motor.enable(0);
        assertThat(enable.state()).isEqualTo(DigitalState.HIGH);
        assertThat(pwm.last()).as("enabled braking").isZero();
        motor.setDutyFraction(0.5);
        assertThat(pwm.last()).isEqualTo(12_500);
        motor.setDutyFraction(Double.NaN);
        assertThat(pwm.last()).as("NaN brakes").isZero();
        motor.setDutyFraction(1.7);
        assertThat(pwm.last()).isEqualTo(25_000);
        motor.brake();
        assertThat(pwm.last()).isZero();
        assertThat(motor.isEnabled()).isTrue();
        motor.setDutyFraction(0.3);
        motor.disable();
        assertThat(enable.state()).isEqualTo(DigitalState.LOW);
        assertThat(pwm.last()).isZero();
        assertThat(motor.dutyFraction()).isZero();
        motor.enable(0);
        pi.shutdown();
        assertThat(enable.state()).as("shut down: the safe state").isEqualTo(DigitalState.LOW);
    }

    @Test
    void givenAnEnabledDriver_whenNotRefreshedWithinItsDeadman_thenTheServiceThreadDisablesIt_andALateRefreshDoesToo() {
        DigitalOutput enable = lines.output("motor-enable", 23, DigitalState.LOW);
        RecordingPwm pwm = new RecordingPwm();
        PwmMotorDriver motor = new PwmMotorDriver(enable, pwm, 50 * MS);
        motor.enable(0);
        motor.setDutyFraction(0.6);
        motor.poll(50 * MS);
        assertThat(motor.isEnabled()).as("at the timeout, not past it").isTrue();
        motor.refreshDeadman(40 * MS);
        motor.poll(90 * MS);
        assertThat(motor.isEnabled()).isTrue();
        motor.poll(90 * MS + 1);
        assertThat(motor.isEnabled()).isFalse();
        assertThat(motor.deadmanExpired()).isTrue();
        assertThat(enable.state()).isEqualTo(DigitalState.LOW);
        assertThat(pwm.last()).isZero();
        motor.enable(100 * MS);
        assertThat(motor.deadmanExpired()).isFalse();
        motor.refreshDeadman(151 * MS);
        assertThat(motor.isEnabled()).as("a refresh that itself came too late").isFalse();
        assertThat(motor.deadmanExpired()).isTrue();
    }

    @Test
    void givenTheEnableTimersFeed_thenEachTickIsOneEdge() {
        DigitalOutput feed = lines.output("enable-timer-feed", 25, DigitalState.LOW);
        GpioEnableTimer timer = new GpioEnableTimer(feed);
        DigitalState before = feed.state();
        for (int i = 1; i <= 5; i++) {
            timer.feed(i * MS);
            assertThat(feed.state()).as("tick %d", i).isNotEqualTo(before);
            before = feed.state();
        }
        assertThat(timer.timeoutNanos()).isEqualTo(100 * MS);
    }

    @Test
    void givenTheBrakeMonitorAndTheCartridgeSwitch_thenLowIsClosedAndPresent_andTheCodeNamesTheType() {
        DigitalInput monitor = lines.inputPulledUp("brake-monitor", 24);
        GpioBrakeMonitor brake = new GpioBrakeMonitor(monitor);
        MockLines.level(monitor, DigitalState.LOW);
        assertThat(brake.brakeClosed()).isTrue();
        MockLines.level(monitor, DigitalState.HIGH);
        assertThat(brake.brakeClosed()).as("a broken monitor wire floats high: energised").isFalse();

        DigitalInput present = lines.inputPulledUp("cartridge-present", 16);
        int[] code = {0};
        GpioCartridge cartridge = new GpioCartridge(present, () -> code[0], new int[] {12, 24, 36});
        MockLines.level(present, DigitalState.HIGH);
        assertThat(cartridge.isPresent()).isFalse();
        MockLines.level(present, DigitalState.LOW);
        assertThat(cartridge.isPresent()).isTrue();
        assertThat(cartridge.read().needleCount()).isZero();
        assertThat(cartridge.read().hasId()).isFalse();
        code[0] = 1;
        assertThat(cartridge.read().needleCount()).isEqualTo(12);
        code[0] = 3;
        assertThat(cartridge.read().needleCount()).isEqualTo(36);
        GpioCartridge two = new GpioCartridge(present, () -> 3, new int[] {12, 24});
        assertThat(two.read().needleCount()).as("a code the profile has no type for").isZero();
    }

    @Test
    void givenEachLedPattern_thenTheElementsLightAsDocumented() {
        DigitalOutput r = lines.output("led-red", 12, DigitalState.LOW);
        DigitalOutput g = lines.output("led-green", 13, DigitalState.LOW);
        DigitalOutput b = lines.output("led-blue", 26, DigitalState.LOW);
        DigitalOutput buzz = lines.output("buzzer", 20, DigitalState.LOW);
        GpioIndicators ind = new GpioIndicators(r, g, b, buzz);
        ind.setLed(LedPattern.READY);
        ind.poll(0);
        assertThat(List.of(r.state(), g.state(), b.state())).containsExactly(DigitalState.LOW, DigitalState.HIGH,
                DigitalState.LOW);
        ind.setLed(LedPattern.RUNNING);
        ind.poll(MS);
        assertThat(List.of(r.state(), g.state(), b.state())).containsExactly(DigitalState.HIGH, DigitalState.HIGH,
                DigitalState.LOW);
        ind.setLed(LedPattern.FAULT);
        ind.poll(0);
        assertThat(r.state()).isEqualTo(DigitalState.HIGH);
        ind.poll(130 * MS);
        assertThat(r.state()).as("4 Hz blink").isEqualTo(DigitalState.LOW);
        ind.setLed(LedPattern.BUSY);
        ind.poll(0);
        assertThat(b.state()).isEqualTo(DigitalState.HIGH);
        ind.poll(600 * MS);
        assertThat(b.state()).isEqualTo(DigitalState.LOW);
        ind.setLed(LedPattern.OFF);
        ind.poll(700 * MS);
        assertThat(List.of(r.state(), g.state(), b.state())).containsOnly(DigitalState.LOW);
    }

    @Test
    void givenEachBuzzerPattern_thenItSoundsItsBeepsOnceFromThePollThatSawIt_andAnAlarmUntilChanged() {
        DigitalOutput buzz = lines.output("buzzer", 20, DigitalState.LOW);
        GpioIndicators ind = new GpioIndicators(lines.output("r", 12, DigitalState.LOW),
                lines.output("g", 13, DigitalState.LOW), lines.output("b", 26, DigitalState.LOW), buzz);
        long t0 = 1_000 * MS;
        ind.setBuzzer(BuzzerPattern.REFUSED);
        int beeps = 0;
        boolean was = false;
        for (long t = t0; t < t0 + 1_000 * MS; t += MS) {
            ind.poll(t);
            boolean on = buzz.state() == DigitalState.HIGH;
            beeps += on && !was ? 1 : 0;
            was = on;
        }
        assertThat(beeps).isEqualTo(2);
        assertThat(buzz.state()).isEqualTo(DigitalState.LOW);
        ind.setBuzzer(BuzzerPattern.REFUSED); // the same pattern again sounds again
        ind.poll(t0 + 2_000 * MS);
        assertThat(buzz.state()).isEqualTo(DigitalState.HIGH);
        ind.setBuzzer(BuzzerPattern.ALARM);
        ind.poll(t0 + 3_000 * MS);
        ind.poll(t0 + 60_000 * MS);
        assertThat(buzz.state()).isEqualTo(DigitalState.HIGH);
        ind.setBuzzer(BuzzerPattern.SILENT);
        ind.poll(t0 + 60_001 * MS);
        assertThat(buzz.state()).isEqualTo(DigitalState.LOW);
        assertThat(GpioIndicators.sounds(BuzzerPattern.WARNING, 5 * GpioIndicators.BEEP_MILLIS * MS)).isFalse();
        assertThat(GpioIndicators.sounds(BuzzerPattern.WARNING, 4 * GpioIndicators.BEEP_MILLIS * MS)).isTrue();
        assertThat(GpioIndicators.sounds(BuzzerPattern.WARNING, 6 * GpioIndicators.BEEP_MILLIS * MS)).isFalse();
    }
}
