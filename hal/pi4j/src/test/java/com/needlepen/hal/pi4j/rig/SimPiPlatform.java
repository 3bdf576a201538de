package com.needlepen.hal.pi4j.rig;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.HardwareSpec;
import com.needlepen.hal.Clock;
import com.needlepen.hal.HardwareWatchdog;
import com.needlepen.hal.IndexSensor;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.PenHardware;
import com.needlepen.hal.backend.BackendException;
import com.needlepen.hal.pi4j.Pi4jPlatform;
import com.needlepen.hal.pi4j.bus.I2cChannel;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.bus.UartChannel;
import com.needlepen.hal.pi4j.expander.ExpanderModels;
import com.needlepen.hal.pi4j.gpio.GpioModels;
import com.needlepen.hal.pi4j.gpio.KernelIndexSensor;
import com.needlepen.hal.pi4j.gpio.LineEventSource;
import com.needlepen.hal.pi4j.i2c.I2cModels;
import com.needlepen.hal.pi4j.io.PwmOutput;
import com.needlepen.hal.pi4j.io.RecordingPwm;
import com.needlepen.hal.pi4j.scale.As5311Model;
import com.needlepen.hal.pi4j.tmc5160.Tmc5160Units;
import com.needlepen.hal.pi4j.watchdog.WatchdogModels;
import com.needlepen.hal.sim.SimPen;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.ArrayDeque;

/**
 * A test rig: the simulated handpiece (hal/sim's physics: motor, cam, collar, skin, heat, the practitioner's panel)
 * under the Raspberry Pi's drivers, joined where the Pi meets its wires. The digital lines are Pi4J's mock provider;
 * the chips are register models whose readings come from the simulated pen (the INA226 reads its winding current and
 * supply, the TMP117 its thermistor, the EEPROM holds its handpiece id, the AS5311 sees its collar) or drive it (the
 * TMC5160's registers move its collar); the index's edges reach the Pi's kernel-event reader as line events with
 * sequence numbers; the PWM's duty and the enable line drive its motor driver. Virtual time: {@link #advanceTo} first
 * hands the outputs the firmware left to the simulated pen, then advances its physics, then sets the inputs and chips
 * from it.
 */
public final class SimPiPlatform implements Pi4jPlatform {

    private final SimPen pen;
    private final PenHardware sim;
    private final DeviceProfile profile;
    private final Context context = Pi4J.newContextBuilder()
            .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance()).build();
    private final As5311Model scale = new As5311Model();
    private final I2cChannel expander = ExpanderModels.chip(0);
    private final WatchdogModels.Recording watchdog = WatchdogModels.recording();
    private final EdgeSource edges = new EdgeSource();
    private KernelIndexSensor index;
    private final RecordingPwm pwm = new RecordingPwm();
    private I2cChannel currentMonitor;
    private I2cChannel thermometer;
    private boolean lastFeed;
    private boolean feedSeen;
    private boolean simActive;

    public SimPiPlatform(SimPen pen, DeviceProfile profile) {
        this.pen = pen;
        this.sim = pen.hardware();
        this.profile = profile;
    }

    /** The simulated pen's handle: the practitioner's hands, the skin, the faults. */
    public com.needlepen.hal.sim.SimHandle handle() {
        return pen.handle();
    }

    /** The index line's kernel events: falling edges as the magnet arrives, rising as it leaves, numbered. */
    private static final class EdgeSource implements LineEventSource {
        private final ArrayDeque<long[]> queue = new ArrayDeque<>();
        private int seqno;

        void add(long stamp, int id) {
            queue.add(new long[] {stamp, id, ++seqno});
        }

        @Override
        public boolean initialLevelHigh() {
            return true;
        }

        @Override
        public int read(long[] stamps, int[] ids, int[] seqnos, int max, long timeoutNanos) {
            int n = 0;
            while (n < max && !queue.isEmpty()) {
                long[] e = queue.poll();
                stamps[n] = e[0];
                ids[n] = (int) e[1];
                seqnos[n] = (int) e[2];
                n++;
            }
            return n;
        }

        @Override
        public void close() {
        }
    }

    @Override
    public Context gpio() {
        return context;
    }

    @Override
    public SpiChannel spi(String id, HardwareSpec.Spi spi, int mode) {
        return switch (id) {
            case "collar-driver" -> new SimTmc5160(sim.collar(), new Tmc5160Units(12e6, 8));
            case "collar-scale" -> scale;
            default -> throw new BackendException("no SPI device " + id + " on the rig");
        };
    }

    @Override
    public I2cChannel i2c(String id, int bus, int address) {
        Clock clock = sim.clock();
        return switch (id) {
            case "current-monitor" -> currentMonitor = I2cModels.ina226(address, clock::nanoTime,
                    profile.hardware().i2c().shuntOhms(), 0, sim.sensors().supplyVolts());
            case "thermometer" -> thermometer = I2cModels.tmp117(address, clock::nanoTime, sim.sensors().handpieceCelsius());
            case "handpiece-id" -> {
                try {
                    yield I2cModels.eeprom(sim.handpiece().readId().eui48());
                } catch (com.needlepen.hal.HandpieceMemory.HandpieceIdException e) {
                    throw new BackendException("the simulated handpiece has no id: " + e.getMessage());
                }
            }
            case "display" -> I2cModels.ssd1306();
            case "panel-expander" -> expander;
            default -> throw new BackendException("no I2C device " + id + " on the rig");
        };
    }

    @Override
    public UartChannel uart(String device, int baud) {
        throw new BackendException("the rig's collar driver is the TMC5160");
    }

    @Override
    public PwmOutput pwm(HardwareSpec.Motor motor) {
        return pwm;
    }

    @Override
    public IndexSensor index(int line) {
        // the scripted kernel holds every edge the sim has handed over: it is complete as far as the sim vouches
        index = GpioModels.unstartedIndex(edges, sim.index()::edgesCompleteThroughNanos);
        return index;
    }

    @Override
    public HardwareWatchdog watchdog(String device) {
        return watchdog.watchdog();
    }

    @Override
    public Clock clock() {
        return sim.clock();
    }

    @Override
    public boolean virtualTime() {
        return true;
    }

    private DigitalOutput out(String id) {
        return context.registry().get(id, DigitalOutput.class);
    }

    private void in(String id, boolean low) {
        ((MockDigitalInput) context.registry().get(id, DigitalInput.class)).mockState(low ? DigitalState.LOW : DigitalState.HIGH);
    }

    @Override
    public void advanceTo(long nowNanos) {
        // the outputs the firmware left: the motor driver's enable and duty, the enable timer's feed
        var motor = sim.motor();
        boolean enable = out("motor-enable").state() == DigitalState.HIGH;
        if (enable && !motor.isEnabled()) {
            motor.enable(nowNanos);
        } else if (!enable && motor.isEnabled()) {
            motor.disable();
        }
        if (enable) {
            motor.refreshDeadman(nowNanos); // the Pi's own dead-man is the PwmMotorDriver's; the sim's must not add one
            motor.setDutyFraction((double) pwm.duty() / pwm.periodNanos());
        }
        boolean feed = out("enable-timer-feed").state() == DigitalState.HIGH;
        if (!feedSeen || feed != lastFeed) {
            sim.enableTimer().feed(nowNanos);
            lastFeed = feed;
            feedSeen = true;
        }
        pen.advanceTo(nowNanos);
        // the inputs and the chips, from the simulated pen
        var panel = sim.panel();
        in("start-stop", panel.isPressed(PanelButton.START_STOP));
        in("footswitch", panel.isPressed(PanelButton.FOOTSWITCH));
        in("home-switch", sim.collar().homeSwitchPressed());
        in("brake-monitor", sim.brakeMonitor().brakeClosed());
        in("cartridge-present", sim.cartridge().isPresent());
        HardwareSpec.Panel p = profile.hardware().panel();
        int grounded = 0;
        grounded |= panel.isPressed(PanelButton.DEPTH_UP) ? 1 << p.depthUp() : 0;
        grounded |= panel.isPressed(PanelButton.DEPTH_DOWN) ? 1 << p.depthDown() : 0;
        grounded |= panel.isPressed(PanelButton.RATE_UP) ? 1 << p.rateUp() : 0;
        grounded |= panel.isPressed(PanelButton.RATE_DOWN) ? 1 << p.rateDown() : 0;
        grounded |= panel.isPressed(PanelButton.PRESET) ? 1 << p.preset() : 0;
        grounded |= panel.isPressed(PanelButton.ACKNOWLEDGE) ? 1 << p.acknowledge() : 0;
        grounded |= panel.isPressed(PanelButton.CONFIRM) ? 1 << p.confirm() : 0;
        int code = 0;
        if (sim.cartridge().isPresent()) {
            int needles = sim.cartridge().read().needleCount();
            for (int i = 0; i < profile.cartridges().size(); i++) {
                if (profile.cartridges().get(i).needles() == needles) {
                    code = i + 1;
                }
            }
        }
        grounded |= (code & 1) != 0 ? 1 << p.cartridgeCode0() : 0;
        grounded |= (code & 2) != 0 ? 1 << p.cartridgeCode1() : 0;
        ExpanderModels.ground(expander, grounded);
        I2cModels.set(currentMonitor, sim.sensors().motorCurrentSignedAmps(), sim.sensors().supplyVolts());
        I2cModels.set(thermometer, sim.sensors().handpieceCelsius());
        double stepsPerMm = profile.collar().stepsPerMm();
        scale.indexMm = 0;
        scale.collarMm = sim.collar().sensedIndexPhaseSteps() / stepsPerMm;
        // the index: the sim's stamped edges as falling-edge events, the magnet's leaving as a rising one
        long[] stamps = new long[16];
        int n;
        while ((n = sim.index().drainEdges(stamps)) > 0) {
            for (int i = 0; i < n; i++) {
                if (simActive) {
                    edges.add(stamps[i] - 1, 1); // the pass before ended unseen between two reads
                }
                edges.add(stamps[i], 2);
                simActive = true;
            }
        }
        if (simActive && !sim.index().isActive()) {
            edges.add(nowNanos, 1);
            simActive = false;
        }
        GpioModels.pump(index);
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
