package com.needlepen.firmware.behaviour;

import static com.needlepen.firmware.behaviour.PenBench.MS;
import static com.needlepen.firmware.behaviour.PenBench.S;
import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.DepthCalibration;
import com.needlepen.firmware.PenController;
import com.needlepen.firmware.state.PenState;
import com.needlepen.firmware.loop.LoopRunner;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.loop.WaitStrategy;
import com.needlepen.firmware.safety.FaultCode;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.session.CartridgeLedger;
import com.needlepen.firmware.telemetry.TelemetrySink;
import com.needlepen.hal.CartridgeInfo;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimPen;
import com.needlepen.hal.sim.SimulatedPenFactory;
import com.needlepen.firmware.loop.SimulationRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The firmware's own loop runner missing deadlines, in virtual time: one tick whose safety phase
 * takes 30 ms (a slow check, a stalled bus read). The runner counts the overrun and the deadlines it
 * missed, the next tick is late beyond the 20 ms budget, F15 latches naming the phase that ran long,
 * and the pen is made safe as for any fault.
 */
@Tag("H15")
class LoopRunnerOverrunTest {

    /** Virtual monotonic time shared by the runner, the trace and the plant. */
    static final class VirtualTime implements LongSupplier {
        long nanos;

        @Override
        public long getAsLong() {
            return nanos;
        }
    }

    /** Waiting in virtual time: the clock jumps to the deadline (a perfectly punctual thread). */
    static WaitStrategy jumpTo(VirtualTime time) {
        return new WaitStrategy() {
            @Override
            public void awaitUntil(long deadlineNanos, LongSupplier clock) {
                time.nanos = Math.max(time.nanos, deadlineNanos);
            }

            @Override
            public String describe() {
                return "virtual";
            }
        };
    }

    @Test
    void givenOneTickWhoseSafetyPhaseTakes30ms_whenRunByTheLoopRunner_thenOverrunsAreCountedF15NamesThePhaseAndThePenIsMadeSafe() {
        DeviceProfile profile = ProfileLoader.bundled("sim");
        SimPen pen = SimulatedPenFactory.create(profile, 12, 77);
        VirtualTime time = new VirtualTime();
        TickTrace trace = new TickTrace(time);
        boolean[] slowOnce = {false};
        var assembled = PenBench.assemble(pen, profile, a -> a.settings(1.0, 150).trace(trace).safetyChecksForTest(in -> {
                    List<SafetyCheck> checks = new ArrayList<>(SafetyChecks.standard(in));
                    checks.add(0, new SafetyCheck() { // a check that once takes 30 ms of the loop's time
                        @Override
                        public FaultCode check(long nowNanos, PenState state) {
                            if (slowOnce[0]) {
                                slowOnce[0] = false;
                                time.nanos += 30 * MS;
                            }
                            return null;
                        }

                        @Override
                        public String detail() {
                            return "slow";
                        }
                    });
                    return checks;
                }));
        PenController controller = assembled.controller();
        // up to running at 150 Hz on the simulation runner (which traces nothing of this clock)
        SimulationRunner sim = assembled.runner();
        pen.handle().insertCartridge(new CartridgeInfo("C-LOOP", 12));
        assertThat(sim.runUntil(() -> controller.status().readyToStart(), 30 * S)).isTrue();
        pen.handle().setSkinContact(true);
        pen.handle().press(PanelButton.START_STOP);
        sim.runFor(20 * MS);
        pen.handle().release(PanelButton.START_STOP);
        assertThat(sim.runUntil(() -> controller.status().spunUp(), 5 * S)).isTrue();

        // from here the firmware's loop runner owns the ticks, on virtual time
        time.nanos = sim.nowNanos();
        LoopRunner runner = new LoopRunner(profile.loop().periodNanos(), time, jumpTo(time), trace, now -> {
            pen.advanceTo(now);
            trace.phaseDone(TickTrace.Phase.PLANT);
            controller.tick(now);
        });
        runner.run(100);
        assertThat(runner.overruns()).isZero();
        assertThat(controller.status().state()).isEqualTo(PenState.RUNNING);

        slowOnce[0] = true;
        runner.run(2);
        System.out.println("F15: " + controller.status().faultDetail() + "; overruns " + runner.overruns() + ", missed deadlines "
                + runner.missedDeadlines() + ", worst lateness " + runner.latenessNanos().getMaxValue() / 1_000_000 + " ms");
        assertThat(runner.overruns()).isEqualTo(1);
        assertThat(runner.missedDeadlines()).isGreaterThanOrEqualTo(29);
        assertThat(controller.status().fault()).isEqualTo(FaultCode.F15_LOOP_OVERRUN);
        assertThat(controller.status().faultDetail()).contains("longest in phase SAFETY (30.0 ms)");

        runner.run(500); // half a second more of ticks
        assertThat(pen.handle().motorDriverEnabled()).isFalse();
        assertThat(pen.handle().lastMovingNanos()).as("at rest").isLessThan(time.nanos - 100 * MS);
        CamAngle.assertTipsHiddenByTheCam(pen.handle(), profile);
        assertThat(runner.overruns()).as("the loop ran on to time").isEqualTo(1);
    }
}
