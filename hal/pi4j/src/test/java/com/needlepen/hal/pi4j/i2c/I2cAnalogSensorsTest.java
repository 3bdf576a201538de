package com.needlepen.hal.pi4j.i2c;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.needlepen.hal.pi4j.bus.BusException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("H57")
class I2cAnalogSensorsTest {

    private static final long POLL_NANOS = 1_000_000L;

    private final VirtualNanos clock = new VirtualNanos();
    private Ina226Model ina;
    private Tmp117Model tmp;
    private I2cAnalogSensors sensors;

    @BeforeEach
    void setUp() {
        ina = new Ina226Model(0x40, clock, 0.01);
        ina.vbusVolts = 12.0;
        tmp = new Tmp117Model(0x48, clock);
        tmp.trueCelsius = 31.0;
        Ina226 monitor = new Ina226(ina, Ina226.Settings.motorAndSupply());
        sensors = new I2cAnalogSensors(monitor, monitor, new Tmp117(tmp, Tmp117.Settings.handpiece()), clock,
                POLL_NANOS);
    }

    /** The service thread polling every millisecond for {@code millis}. */
    private void run(int millis) {
        for (int i = 0; i < millis; i++) {
            clock.advanceMicros(1000);
            sensors.poll(clock.now);
        }
    }

    @Test
    void nothingIsANumberBeforeThePartsConverted() {
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.motorCurrentSignedAmps()).isNaN();
        assertThat(sensors.supplyVolts()).isNaN();
        assertThat(sensors.handpieceCelsius()).isNaN();
        sensors.poll(clock.now); // starts the parts: nothing converted yet
        assertThat(ina.writesTo(Ina226.REG_CONFIG)).containsExactly(0x4017);
        assertThat(tmp.writesTo(Tmp117.REG_CONFIG)).containsExactly(0x0020);
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.handpieceCelsius()).isNaN();
    }

    @Test
    void theGettersServeTheLatestConversions() {
        ina.trueAmps = 0.85;
        run(130);
        assertThat(sensors.motorCurrentSignedAmps()).isCloseTo(0.85, within(1e-12));
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.85, within(1e-12));
        assertThat(sensors.supplyVolts()).isCloseTo(12.0, within(1e-12));
        assertThat(sensors.handpieceCelsius()).isEqualTo(31.0);
    }

    @Test
    void aCurrentFlowingBackReadsNegativeSignedAndPositiveAsMagnitude() {
        ina.trueAmps = -0.42; // the cam's spring pushes the shaft on, or a brake
        run(3);
        assertThat(sensors.motorCurrentSignedAmps()).isCloseTo(-0.42, within(1e-12));
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.42, within(1e-12));
    }

    @Test
    void aShaftAtRestReadsTheOffsetsMagnitude() {
        ina.trueAmps = -0.012; // the part's own offset, below zero
        run(3);
        assertThat(sensors.motorCurrentSignedAmps()).isCloseTo(-0.012, within(1e-12));
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.012, within(1e-12));
    }

    @Test
    void theGettersTouchNoBus() {
        run(130);
        int inaTransfers = ina.transfers;
        int tmpTransfers = tmp.transfers;
        for (int i = 0; i < 1000; i++) {
            sensors.motorCurrentAmps();
            sensors.motorCurrentSignedAmps();
            sensors.supplyVolts();
            sensors.handpieceCelsius();
        }
        assertThat(ina.transfers).isEqualTo(inaTransfers);
        assertThat(tmp.transfers).isEqualTo(tmpTransfers);
    }

    @Test
    void theGettersAllocateNothing() {
        run(130);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up
            sink += sensors.motorCurrentAmps() + sensors.supplyVolts() + sensors.handpieceCelsius();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            sink += sensors.motorCurrentAmps() + sensors.motorCurrentSignedAmps() + sensors.supplyVolts()
                    + sensors.handpieceCelsius();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(sink).isNotNaN();
        assertThat(allocated).isLessThan(1024); // 400,000 calls: the measurement's own noise, not a byte a call
    }

    @Test
    void aValueOlderThanThreeConversionsAndAPollIsNotANumber() {
        ina.trueAmps = 0.6;
        run(5);
        long bound = sensors.currentBoundNanos();
        assertThat(bound).isEqualTo(3 * 472_000L + POLL_NANOS);
        // the service thread stops (a stalled JVM, a thread that died): the last values age
        clock.now += bound;
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.6, within(1e-12));
        assertThat(sensors.supplyVolts()).isCloseTo(12.0, within(1e-12));
        clock.now += 1;
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.motorCurrentSignedAmps()).isNaN();
        assertThat(sensors.supplyVolts()).isNaN();
        // it polls again: numbers again
        run(1);
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aPartThatStopsConvertingGoesStaleWhilePolled() {
        ina.trueAmps = 0.6;
        run(5);
        ina.frozen = true; // the registers keep their last values; CVRF is never set again
        run(2);
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.6, within(1e-12));
        run(1);
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.supplyVolts()).isNaN();
    }

    @Test
    void aFailedReadKeepsTheLastConversionOnlyUntilItIsStale_andThePartIsStartedAnew() {
        ina.trueAmps = 0.6;
        run(5);
        int configWrites = ina.writesTo(Ina226.REG_CONFIG).size();
        ina.failNext = 1;
        clock.advanceMicros(1000);
        sensors.poll(clock.now);
        // one glitch is not a failed sensor: the last conversion stands while it is younger than the bound...
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.6, within(1e-12));
        clock.advanceMicros(sensors.currentBoundNanos() / 1000);
        // ...and is not a number once it is older (no poll here: the service thread stalled with the bus)
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.supplyVolts()).isNaN();
        assertThat(sensors.lastFault()).isEqualTo("no ACK from 0x40 (injected)");
        assertThat(sensors.failedReads()).isEqualTo(1);
        run(1); // configured again (which restarts its conversion), not converted yet
        assertThat(ina.writesTo(Ina226.REG_CONFIG)).hasSize(configWrites + 1);
        run(1);
        assertThat(sensors.motorCurrentAmps()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void anAbsentPartIsNotANumberForGood() {
        ina.present = false;
        run(200);
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.supplyVolts()).isNaN();
        assertThat(sensors.handpieceCelsius()).isEqualTo(31.0); // the other part is not affected
        assertThat(sensors.lastFault()).isEqualTo("no ACK from 0x40");
    }

    @Test
    void anOverflowIsNotANumberButTheSupplyStaysANumber() {
        ina.trueAmps = 10.0; // past the shunt's 8.19 A
        run(3);
        assertThat(sensors.motorCurrentAmps()).isNaN();
        assertThat(sensors.motorCurrentSignedAmps()).isNaN();
        assertThat(sensors.supplyVolts()).isCloseTo(12.0, within(1e-12));
    }

    @Test
    void theTemperatureGoesStaleAfterThreeOfItsConversions() {
        run(130);
        long bound = sensors.temperatureBoundNanos();
        assertThat(bound).isEqualTo(3 * 125_000_000L + 15_625_000L);
        tmp.frozen = true;
        run(375);
        assertThat(sensors.handpieceCelsius()).isEqualTo(31.0);
        run(30);
        assertThat(sensors.handpieceCelsius()).isNaN();
    }

    @Test
    void theThermometerIsReadEvery15_6MillisecondsNotEveryPoll() {
        run(1); // start: id, configuration, first flag read
        int before = tmp.transfers;
        run(160);
        // polled each millisecond, read every 16 ms (the first poll 15.625 ms on): 10 flag reads in 160 ms, the one
        // at 128 ms followed by the result converted at 125 ms
        assertThat(tmp.transfers - before).isEqualTo(11);
    }

    @Test
    void aMonitorThatDoesNotConvertWhatItIsAskedForIsRefused() {
        Ina219 shuntOnly = new Ina219(new Ina219Model(0x40, clock, 0.05), Ina219.Settings.motorShunt());
        Ina219 busOnly = new Ina219(new Ina219Model(0x41, clock, 0.05), Ina219.Settings.supplyBus());
        Tmp117 thermometer = new Tmp117(tmp, Tmp117.Settings.handpiece());
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new I2cAnalogSensors(shuntOnly, shuntOnly, thermometer, clock, POLL_NANOS))
                .hasMessage("INA219 at 0x40 does not convert its bus: it cannot read the motor supply");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new I2cAnalogSensors(busOnly, busOnly, thermometer, clock, POLL_NANOS))
                .hasMessage("INA219 at 0x41 does not convert its shunt: it cannot read the motor current");
    }

    @Test
    void aBoardWithTwoIna219sReadsTheSupplyFromTheBusOnlyPart() throws BusException {
        Ina219Model motorPart = new Ina219Model(0x40, clock, 0.05);
        Ina219Model supplyPart = new Ina219Model(0x41, clock, 0.05);
        motorPart.trueAmps = 1.1;
        motorPart.inMinusVolts = 3.0; // a winding terminal: not the supply
        supplyPart.inMinusVolts = 12.2;
        sensors = new I2cAnalogSensors(new Ina219(motorPart, Ina219.Settings.motorShunt()),
                new Ina219(supplyPart, Ina219.Settings.supplyBus()), new Tmp117(tmp, Tmp117.Settings.handpiece()), clock,
                POLL_NANOS);
        run(3);
        assertThat(sensors.motorCurrentSignedAmps()).isCloseTo(1.1, within(1e-12));
        assertThat(sensors.supplyVolts()).isCloseTo(12.2, within(1e-12));
        assertThat(sensors.currentBoundNanos()).isEqualTo(3 * 532_000L + POLL_NANOS);
        supplyPart.present = false;
        run(1);
        assertThat(sensors.supplyVolts()).as("the last conversion, not yet stale").isCloseTo(12.2, within(1e-12));
        run(3);
        assertThat(sensors.supplyVolts()).isNaN();
        assertThat(sensors.motorCurrentSignedAmps()).isCloseTo(1.1, within(1e-12));
    }
}
