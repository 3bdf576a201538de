package com.needlepen.hal.pi4j;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.HardwareSpec;
import com.needlepen.hal.CollarStepper;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.backend.OpenedPen;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.expander.Mcp23017Buttons;
import com.needlepen.hal.pi4j.i2c.I2cAnalogSensors;
import com.needlepen.hal.pi4j.i2c.I2cHandpieceMemory;
import com.needlepen.hal.pi4j.i2c.Ina219;
import com.needlepen.hal.pi4j.i2c.Ina226;
import com.needlepen.hal.pi4j.i2c.PowerMonitor;
import com.needlepen.hal.pi4j.i2c.Ssd1306Display;
import com.needlepen.hal.pi4j.i2c.Tmp117;
import com.needlepen.hal.pi4j.io.DigitalLines;
import com.needlepen.hal.pi4j.io.GpioBrakeMonitor;
import com.needlepen.hal.pi4j.io.GpioCartridge;
import com.needlepen.hal.pi4j.io.GpioEnableTimer;
import com.needlepen.hal.pi4j.io.GpioIndicators;
import com.needlepen.hal.pi4j.io.GpioPanel;
import com.needlepen.hal.pi4j.io.PwmMotorDriver;
import com.needlepen.hal.pi4j.scale.As5311Scale;
import com.needlepen.hal.pi4j.tmc2209.Pi4jStepPins;
import com.needlepen.hal.pi4j.tmc2209.StepLoop;
import com.needlepen.hal.pi4j.tmc2209.StepTimer;
import com.needlepen.hal.pi4j.tmc2209.Tmc2209Collar;
import com.needlepen.hal.pi4j.tmc2209.Tmc2209Settings;
import com.needlepen.hal.pi4j.tmc2209.Tmc2209Uart;
import com.needlepen.hal.pi4j.tmc5160.Tmc5160Collar;
import com.needlepen.hal.pi4j.tmc5160.Tmc5160Settings;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pen on a Raspberry Pi, open: every part of the HAL made from the profile's wiring on a {@link Pi4jPlatform}, and
 * the service thread that does what the 1 ms control tick must not wait for. The outputs come up in their safe state
 * (the motor's enable low, the collar driver's enable high: off), the chips are configured before the firmware sees
 * them (a chip that does not answer, or is not what the wiring says, fails the open in one line), and only then is
 * the collar driver enabled, so it holds.
 *
 * <p>The service thread ({@code pi4j-service}) runs every millisecond: the motor driver's second dead-man, the collar
 * driver (its status registers and the scale), the current monitor and thermometer, the panel's expander, the LED
 * and buzzer, and one chunk of the display. Each part keeps what it read for the tick's getters; a part whose bus
 * fails says so through its own HAL value (NaN, a driver fault, buttons released), so the service thread never throws.
 */
public final class Pi4jPen implements OpenedPen {

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jPen.class);
    /** The service thread's period. */
    static final long SERVICE_PERIOD_NANOS = 1_000_000L;

    private final Pi4jPlatform platform;
    private final PenHardware hardware;
    private final List<ServicePoll> polls;
    private final List<AutoCloseable> closeables;
    private final DigitalOutput collarEnable;
    private final PwmMotorDriver motor;
    private final Thread service;
    private volatile boolean running = true;

    /** One part the service thread polls. */
    @FunctionalInterface
    interface ServicePoll {
        void poll(long nowNanos);
    }

    private Pi4jPen(Pi4jPlatform platform, PenHardware hardware, List<ServicePoll> polls, List<AutoCloseable> closeables,
                    DigitalOutput collarEnable, PwmMotorDriver motor) {
        this.platform = platform;
        this.hardware = hardware;
        this.polls = List.copyOf(polls);
        this.closeables = closeables;
        this.collarEnable = collarEnable;
        this.motor = motor;
        this.service = new Thread(this::serve, "pi4j-service");
        service.setDaemon(true);
        if (!platform.virtualTime()) {
            service.start();
        }
    }

    private long lastServiceNanos = Long.MIN_VALUE;

    /**
     * A virtual-time rig's period: its physics advanced, then the service's polls (once a service period) on this
     * thread, as the service thread would have run them meanwhile.
     */
    @Override
    public void advancePlantTo(long nowNanos) {
        if (!platform.virtualTime()) {
            return;
        }
        platform.advanceTo(nowNanos);
        if (lastServiceNanos == Long.MIN_VALUE || nowNanos - lastServiceNanos >= SERVICE_PERIOD_NANOS) {
            lastServiceNanos = nowNanos;
            for (ServicePoll p : polls) {
                p.poll(nowNanos);
            }
        }
    }

    @Override
    public boolean virtualTimeAllowed() {
        return platform.virtualTime();
    }

    /**
     * Opens the pen {@code profile} wires on {@code platform}.
     *
     * @throws BackendException one line naming the part that failed and why; what was opened is closed again
     */
    public static Pi4jPen open(DeviceProfile profile, Pi4jPlatform platform) {
        HardwareSpec hw = profile.hardware();
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            return build(profile, hw, platform, closeables);
        } catch (RuntimeException e) {
            for (int i = closeables.size() - 1; i >= 0; i--) {
                closeQuietly(closeables.get(i));
            }
            platform.close();
            throw e instanceof BackendException be ? be : new BackendException("the pi4j backend cannot start: " + e);
        }
    }

    private static Pi4jPen build(DeviceProfile profile, HardwareSpec hw, Pi4jPlatform platform,
                                 List<AutoCloseable> closeables) {
        var clock = platform.clock();
        DigitalLines lines = new DigitalLines(platform.gpio());
        List<ServicePoll> polls = new ArrayList<>();

        // the stroke motor first, and safe: enable low (the board's pull-down agrees), the PWM at duty 0 (a brake)
        DigitalOutput motorEnable = lines.output("motor-enable", hw.motor().enablePin(), DigitalState.LOW);
        var pwm = platform.pwm(hw.motor());
        if (pwm instanceof AutoCloseable c) {
            closeables.add(c);
        }
        PwmMotorDriver motor = new PwmMotorDriver(motorEnable, pwm, profile.motor().deadmanMillis() * 1_000_000L);
        polls.add(motor::poll);
        GpioEnableTimer enableTimer = new GpioEnableTimer(
                lines.output("enable-timer-feed", hw.motor().enableTimerFeedPin(), DigitalState.LOW));
        GpioBrakeMonitor brake = new GpioBrakeMonitor(lines.inputPulledUp("brake-monitor", hw.motor().brakeMonitorPin()));

        var index = platform.index(hw.indexPin());
        if (index instanceof AutoCloseable c) {
            closeables.add(c);
        }

        // the collar: its driver off (DRV_ENN / EN high) until the chip is configured
        DigitalOutput collarEnable = lines.output("collar-enable", hw.collar().enablePin(), DigitalState.HIGH);
        DigitalInput home = lines.inputPulledUp("home-switch", hw.collar().homeSwitchPin());
        double stepsPerMm = profile.collar().stepsPerMm();
        As5311Scale scale = new As5311Scale(platform.spi("collar-scale", hw.scale().spi(), 2), stepsPerMm, true,
                50_000_000L, clock::nanoTime);
        CollarStepper collar = collar(profile, hw, platform, lines, scale, () -> DigitalLines.activeLow(home), clock,
                polls, closeables);

        // the I2C parts
        HardwareSpec.I2c i2c = hw.i2c();
        PowerMonitor currentMonitor;
        PowerMonitor supplyMonitor;
        if (i2c.currentMonitor() == HardwareSpec.CurrentMonitor.INA226) {
            currentMonitor = new Ina226(platform.i2c("current-monitor", i2c.bus(), i2c.currentMonitorAddress()),
                    new Ina226.Settings(i2c.shuntOhms(), 2.5e-6 / i2c.shuntOhms(), 0, 0, 2,
                            Ina226.MODE_SHUNT_AND_BUS_CONTINUOUS));
            supplyMonitor = currentMonitor;
        } else {
            // the INA219 reads its bus on IN-, a winding terminal here: a second INA219, bus only, at the next address
            currentMonitor = new Ina219(platform.i2c("current-monitor", i2c.bus(), i2c.currentMonitorAddress()),
                    Ina219.Settings.motorShunt());
            supplyMonitor = new Ina219(platform.i2c("supply-monitor", i2c.bus(), i2c.currentMonitorAddress() + 1),
                    Ina219.Settings.supplyBus());
        }
        Tmp117 thermometer = new Tmp117(platform.i2c("thermometer", i2c.bus(), i2c.thermometerAddress()),
                Tmp117.Settings.handpiece());
        I2cAnalogSensors sensors = new I2cAnalogSensors(currentMonitor, supplyMonitor, thermometer, clock::nanoTime,
                SERVICE_PERIOD_NANOS);
        polls.add(sensors::poll);
        I2cHandpieceMemory handpiece = new I2cHandpieceMemory(platform.i2c("handpiece-id", i2c.bus(),
                i2c.handpieceMemoryAddress()));
        Ssd1306Display display = new Ssd1306Display(platform.i2c("display", i2c.bus(), i2c.displayAddress()));
        try {
            display.start();
        } catch (BusException e) {
            throw new BackendException(String.format("the display at 0x%02x on /dev/i2c-%d does not answer: %s",
                    i2c.displayAddress(), i2c.bus(), e.getMessage()));
        }
        polls.add(now -> display.poll());

        // the panel: start/stop and the footswitch on their own lines, the rest on the expander
        HardwareSpec.Panel p = hw.panel();
        Map<PanelButton, Integer> expanderLines = new EnumMap<>(PanelButton.class);
        expanderLines.put(PanelButton.DEPTH_UP, p.depthUp());
        expanderLines.put(PanelButton.DEPTH_DOWN, p.depthDown());
        expanderLines.put(PanelButton.RATE_UP, p.rateUp());
        expanderLines.put(PanelButton.RATE_DOWN, p.rateDown());
        expanderLines.put(PanelButton.PRESET, p.preset());
        expanderLines.put(PanelButton.ACKNOWLEDGE, p.acknowledge());
        expanderLines.put(PanelButton.CONFIRM, p.confirm());
        Mcp23017Buttons expander = new Mcp23017Buttons(platform.i2c("panel-expander", i2c.bus(), p.expanderAddress()),
                expanderLines, new int[] {p.cartridgeCode0(), p.cartridgeCode1()}, clock::nanoTime);
        try {
            expander.configure();
        } catch (BusException e) {
            throw new BackendException(String.format("the panel's expander at 0x%02x on /dev/i2c-%d: %s",
                    p.expanderAddress(), i2c.bus(), e.getMessage()));
        }
        polls.add(expander::poll);
        GpioPanel panel = new GpioPanel(lines.inputPulledUp("start-stop", p.startStop()),
                lines.inputPulledUp("footswitch", p.footswitch()), expander::isPressed);
        int[] needles = profile.cartridges().stream().mapToInt(c -> c.needles()).toArray();
        GpioCartridge cartridge = new GpioCartridge(lines.inputPulledUp("cartridge-present", hw.cartridgePresentPin()),
                expander::cartridgeCode, needles);
        GpioIndicators indicators = new GpioIndicators(lines.output("led-red", hw.ledRedPin(), DigitalState.LOW),
                lines.output("led-green", hw.ledGreenPin(), DigitalState.LOW),
                lines.output("led-blue", hw.ledBluePin(), DigitalState.LOW),
                lines.output("buzzer", hw.buzzerPin(), DigitalState.LOW));
        polls.add(indicators::poll);

        var watchdog = platform.watchdog(hw.watchdogDevice());
        if (watchdog instanceof AutoCloseable c) {
            closeables.add(c); // a clean close writes the magic 'V': a pen shut down on purpose is not rebooted
        }
        collarEnable.low(); // configured: the collar driver holds from now on
        PenHardware hardware = new PenHardware(clock, motor, index, collar, panel, indicators, display, cartridge, sensors,
                enableTimer, watchdog, handpiece, brake);
        Pi4jPen pen = new Pi4jPen(platform, hardware, polls, closeables, collarEnable, motor);
        try {
            pen.awaitFirstReadings();
        } catch (RuntimeException e) {
            pen.close();
            throw e;
        }
        return pen;
    }

    /** How long the parts may take to give their first readings (the TMP117's first 8-sample conversion: 125 ms). */
    static final long FIRST_READINGS_NANOS = 1_000_000_000L;

    /**
     * Waits until the current monitor and the thermometer have each given a reading: a part converts for a while
     * after it is configured (the TMP117 125 ms), and the firmware judges every sensor from its first tick (F19 on one
     * that is not a number), so the firmware is handed a pen whose sensors already read. In virtual time the rig's
     * physics is advanced meanwhile, as a power-on takes its time.
     */
    private void awaitFirstReadings() {
        var clock = hardware.clock();
        var s = hardware.sensors();
        long start = clock.nanoTime();
        long virtualNow = start;
        while (Double.isNaN(s.handpieceCelsius()) || Double.isNaN(s.supplyVolts())
                || Double.isNaN(s.motorCurrentSignedAmps())) {
            if (clock.nanoTime() - start > FIRST_READINGS_NANOS) {
                throw new BackendException(String.format(java.util.Locale.ROOT, "the pi4j backend cannot start: no first"
                        + " reading within 1 s from %s (current %s A, supply %s V, handpiece %s °C)",
                        Double.isNaN(s.handpieceCelsius()) ? "the handpiece thermometer" : "the current monitor",
                        s.motorCurrentSignedAmps(), s.supplyVolts(), s.handpieceCelsius()));
            }
            if (platform.virtualTime()) {
                virtualNow += SERVICE_PERIOD_NANOS;
                advancePlantTo(virtualNow);
            } else {
                LockSupport.parkNanos(SERVICE_PERIOD_NANOS);
            }
        }
    }

    private static CollarStepper collar(DeviceProfile profile, HardwareSpec hw, Pi4jPlatform platform, DigitalLines lines,
                                        As5311Scale scale, java.util.function.BooleanSupplier home,
                                        com.needlepen.hal.Clock clock, List<ServicePoll> polls,
                                        List<AutoCloseable> closeables) {
        double stepsPerMm = profile.collar().stepsPerMm();
        HardwareSpec.CollarMotor m = hw.collar().motor(); // the profile's, checked against stepsPerMm by its rules
        if (hw.collar().driver() == HardwareSpec.CollarDriver.TMC5160) {
            Tmc5160Collar c = new Tmc5160Collar(platform.spi("collar-driver", hw.collar().tmc5160(), 3),
                    Tmc5160Settings.collar(stepsPerMm, m.fullStepsPerRev(), m.microsteps(), m.runCurrent(),
                            m.holdCurrent(), m.reducedHoldCurrent(), m.stallGuardThreshold()),
                    scale, home, clock::nanoTime);
            try {
                c.configure();
            } catch (BusException e) {
                throw new BackendException("the TMC5160 collar driver on /dev/spidev" + hw.collar().tmc5160().bus() + "."
                        + hw.collar().tmc5160().chipSelect() + ": " + e.getMessage());
            }
            polls.add(c::poll);
            return c;
        }
        HardwareSpec.Tmc2209 t = hw.collar().tmc2209();
        Tmc2209Uart uart = new Tmc2209Uart(platform.uart(t.uartDevice(), t.uartBaud()), t.nodeAddress(), t.uartBaud(),
                10_000_000L);
        StepLoop steps = new StepLoop(new Pi4jStepPins(lines.output("collar-step", t.stepPin(), DigitalState.LOW),
                lines.output("collar-dir", t.dirPin(), DigitalState.LOW), true), StepTimer.parkThenSpin(100_000L),
                t.maxStepRateHz());
        closeables.add(steps::close);
        // IHOLDDELAY 4 and TPOWERDOWN 20 (about 0.4 s) are the chip's ramps, not the unit's; StallGuard judged from
        // 1.5 revolutions a second, as on the TMC5160
        Tmc2209Collar c = new Tmc2209Collar(uart, steps, scale, home, new Tmc2209Settings(m.microsteps(), m.runCurrent(),
                m.reducedHoldCurrent(), 4, 20, m.stallGuardThreshold(), 1.5 * m.fullStepsPerRev() * m.microsteps(),
                m.stallToleranceSteps()));
        try {
            c.configure();
        } catch (BusException e) {
            throw new BackendException("the TMC2209 collar driver on " + t.uartDevice() + ": " + e.getMessage());
        }
        polls.add(c::poll);
        return c;
    }

    private void serve() {
        var clock = hardware.clock();
        long next = clock.nanoTime();
        int failuresLogged = 0;
        while (running) {
            long now = clock.nanoTime();
            for (ServicePoll p : polls) {
                try {
                    p.poll(now);
                } catch (RuntimeException e) {
                    if (failuresLogged++ < 10) {
                        LOG.warn("pi4j service poll failed: {}", e.toString());
                    }
                }
            }
            next += SERVICE_PERIOD_NANOS;
            long wait = next - clock.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = clock.nanoTime(); // late: do not run a burst of polls to catch up
            }
        }
    }

    @Override
    public PenHardware hardware() {
        return hardware;
    }

    /** The control loop's priority under SCHED_FIFO (the unit's LimitRTPRIO is 80). */
    static final int LOOP_PRIORITY = 80;

    /** On a Pi: the calling (loop) thread to the isolated core at SCHED_FIFO 80; a rig's virtual time: nothing. */
    @Override
    public String prepareLoopThread() {
        if (platform.virtualTime()) {
            return "the loop thread runs as it was started (a rig in virtual time)";
        }
        return com.needlepen.hal.pi4j.linux.RealTimeThread.prepare(java.nio.file.Path.of("/proc/cmdline"), LOOP_PRIORITY);
    }

    @Override
    public String backend() {
        return Pi4jBackend.NAME;
    }

    /** The service thread's liveness, for tests and the doctor. */
    boolean serving() {
        return service.isAlive();
    }

    @Override
    public void close() {
        running = false;
        try {
            if (service.isAlive()) {
                service.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the firmware's shutdown left the outputs safe; these say it again, in the order that is safe
        try {
            motor.disable();
        } catch (RuntimeException e) {
            LOG.warn("motor disable at close: {}", e.toString());
        }
        try {
            collarEnable.high();
        } catch (RuntimeException e) {
            LOG.warn("collar disable at close: {}", e.toString());
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeQuietly(closeables.get(i));
        }
        platform.close(); // the Pi4J context puts every output to its shutdown (safe) state
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {}: {}", c, e.toString());
        }
    }
}
