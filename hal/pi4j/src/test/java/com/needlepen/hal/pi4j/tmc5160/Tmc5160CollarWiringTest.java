package com.needlepen.hal.pi4j.tmc5160;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.hal.CollarDriverFault;
import com.needlepen.hal.pi4j.bus.BusException;
import com.needlepen.hal.pi4j.bus.SpiChannel;
import com.needlepen.hal.pi4j.scale.As5311Model;
import com.needlepen.hal.pi4j.scale.As5311Scale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The collar driver with the real AS5311 scale driver on its model, and a command racing a poll on two threads. */
class Tmc5160CollarWiringTest {

    private static final long MS = 1_000_000L;
    private static final Tmc5160Settings SETTINGS = Tmc5160Settings.collar(3200, 200, 8, 20, 20, 10, 0);

    private long now;

    @Test
    void theIndexPhaseComesFromTheScaleAndABadScaleFrameIsAScaleFault() throws BusException {
        Tmc5160Model chip = new Tmc5160Model(12e6, 512.0 / 3200.0);
        As5311Model sensor = new As5311Model();
        sensor.indexMm = 0.5;
        sensor.collarMm = 0.25;
        As5311Scale scale = new As5311Scale(sensor, 3200, true, 100 * MS, () -> now);
        Tmc5160Collar collar = new Tmc5160Collar(chip, SETTINGS, scale, () -> false, () -> now);
        collar.configure();

        now += MS;
        collar.poll(now);
        assertThat(collar.sensedIndexPhaseSteps()).isEqualTo(-800L); // 0.25 mm shallower than the index mark
        assertThat(collar.driverFaults()).isZero();

        sensor.flipParity = true;
        now += MS;
        collar.poll(now);
        // the driver answers; its scale does not read soundly
        assertThat(collar.driverFaults()).isEqualTo(CollarDriverFault.SCALE_FAULT.bit());
    }

    @Test
    void givenAPollHalfwayThroughItsReadsWhenAMoveIsCommandedThenIsMovingIsNeverTheStaleNotMoving()
            throws Exception {
        Tmc5160Model chip = new Tmc5160Model(12e6, 512.0 / 3200.0);
        CountDownLatch inPoll = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        boolean[] hold = {false};
        int[] count = {0};
        SpiChannel gated = (tx, rx, n) -> {
            chip.transfer(tx, rx, n);
            if (hold[0] && ++count[0] == 3) { // the poll has read GSTAT and XACTUAL: the chip stands still
                inPoll.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Tmc5160Collar collar = new Tmc5160Collar(gated, SETTINGS, new FakeScale(), () -> false, () -> now);
        collar.configure();
        hold[0] = true;

        Thread poller = new Thread(() -> collar.poll(MS));
        poller.start();
        assertThat(inPoll.await(5, TimeUnit.SECONDS)).isTrue();
        Thread commander = new Thread(() -> collar.moveTo(3200, 6400, 64_000));
        commander.start();
        for (int i = 0; i < 500 && commander.getState() != Thread.State.BLOCKED; i++) {
            Thread.sleep(1);
        }
        assertThat(commander.getState()).as("the command waits for the poll's lock").isEqualTo(Thread.State.BLOCKED);
        hold[0] = false;
        release.countDown();
        poller.join(5000);
        commander.join(5000);

        assertThat(collar.isMoving()).as("the poll from before the move published first; the move came after").isTrue();
        now = 2 * MS;
        collar.poll(now);
        assertThat(collar.isMoving()).as("the chip's own RAMP_STAT after XTARGET was written").isTrue();
    }
}
