package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.firmware.safety.CartridgeCheck;
import com.needlepen.firmware.safety.CollarCheck;
import com.needlepen.firmware.safety.OverspeedCheck;
import com.needlepen.firmware.safety.SafetyCheck;
import com.needlepen.firmware.safety.SafetyChecks;
import com.needlepen.firmware.safety.StallCheck;
import com.needlepen.firmware.safety.SupplyCheck;
import com.needlepen.hal.PanelButton;
import com.needlepen.hal.sim.SimFault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Tag;

/**
 * Property-based: random sequences of panel inputs, depth and rate changes and injected faults
 * never break the safety invariants of {@link SafetyProperties}; and with any one of five checks
 * left out, a counterexample turns up. Tries: {@code -Dnp.tries} (1,000 in the normal build; the
 * long profile in the README runs 10,000).
 */
@Tag("H23")
class SafetyPropertyTest {

    static final int STEPS = 100;
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong STEPS_TRIED = new AtomicLong();

    @Provide
    Arbitrary<List<SafetyProperties.Action>> sequences() {
        return sequences(SafetyProperties.DRAWN_FAULTS.toArray(new SimFault[0]));
    }

    /** Sequences whose injected faults are drawn from {@code faults}. */
    static Arbitrary<List<SafetyProperties.Action>> sequences(SimFault... faults) {
        Arbitrary<PanelButton> buttons = Arbitraries.of(PanelButton.START_STOP, PanelButton.FOOTSWITCH,
                PanelButton.DEPTH_UP, PanelButton.DEPTH_DOWN, PanelButton.RATE_UP, PanelButton.RATE_DOWN,
                PanelButton.PRESET, PanelButton.CONFIRM);
        Arbitrary<SafetyProperties.Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, buttons.map(SafetyProperties.Press::new)),
                net.jqwik.api.Tuple.of(6, buttons.map(SafetyProperties.Release::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 50)
                        .map(i -> new SafetyProperties.SetDepth(i * 0.05))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(10, 30)
                        .map(i -> new SafetyProperties.SetRate(i * 5.0))),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(SafetyProperties.Skin::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(faults)
                        .map(SafetyProperties.Inject::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(faults).map(SafetyProperties.InjectInRun::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new SafetyProperties.Acknowledge())),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(20, 1_000).map(SafetyProperties.Start::new)),
                net.jqwik.api.Tuple.of(10, Arbitraries.integers().between(1, 60).map(SafetyProperties.Wait::new)));
        return action.list().ofSize(STEPS);
    }

    @Property(seed = "20261123", afterFailure = net.jqwik.api.AfterFailureMode.RANDOM_SEED)
    void randomSequencesNeverBreakTheSafetyInvariants(@ForAll("sequences") List<SafetyProperties.Action> actions) {
        TRIED.incrementAndGet();
        STEPS_TRIED.addAndGet(actions.size());
        assertThat(SafetyProperties.violation(actions, SafetyChecks::standard, TRIED.get())).isNull();
    }

    @AfterContainer
    static void report() {
        System.out.printf("safety property: %d sequences, %d steps tried; %d ran the needles, %d had a fault injected"
                        + " while running, %d latched a fault%n", TRIED.get(), STEPS_TRIED.get(),
                SafetyProperties.RAN_NEEDLES.get(), SafetyProperties.INJECTED_WHILE_RUNNING.get(),
                SafetyProperties.LATCHED_FAULT.get());
    }

    @org.junit.jupiter.api.Test
    void withAnyOfFiveChecksLeftOutACounterexampleIsFound() {
        var faultFor = java.util.Map.of(StallCheck.class, SimFault.INDEX_SENSOR_DEAD,
                CartridgeCheck.class, SimFault.CARTRIDGE_PULLED, SupplyCheck.class, SimFault.SUPPLY_SAG,
                OverspeedCheck.class, SimFault.PWM_STUCK_HIGH, CollarCheck.class, SimFault.COLLAR_STEPS_LOST);
        for (Class<? extends SafetyCheck> left : List.of(StallCheck.class, CartridgeCheck.class, SupplyCheck.class,
                OverspeedCheck.class, CollarCheck.class)) {
            String found = null;
            int tried = 0;
            // the sequences inject the fault that check is there for
            var samples = sequences(faultFor.get(left)).sampleStream().iterator();
            while (found == null && tried < 300) {
                List<SafetyProperties.Action> seq = new ArrayList<>(samples.next());
                tried++;
                found = SafetyProperties.violation(seq, in -> {
                    List<SafetyCheck> all = new ArrayList<>(SafetyChecks.standard(in));
                    all.removeIf(left::isInstance);
                    return all;
                }, tried);
            }
            System.out.printf("without %s: counterexample after %d sequences: %s%n", left.getSimpleName(), tried, found);
            assertThat(found).as("a counterexample without %s", left.getSimpleName()).isNotNull();
        }
    }
}
