package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.drive.WindingProbe;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link TurningWhileOffCheck} while the winding probe drives the bridge in CHECKING, on a drive whose
 * index, edges and current the test sets: the index leaving its window or pulsing is F13 when the
 * winding drew {@value TurningWhileOffCheck#OBEYED_MULTIPLE}× the probe's current or more (exactly on
 * that line included), F25 below it (the drive obeyed; the spring no longer holds the cam); the most
 * current of the probe counts, a reading that is not a number counts as the most, the current is judged
 * less the monitor's measured zero, and each probe is judged afresh. WindingProbeDisobeyedTest and
 * SpringFailureTest show the simulated faults; they cross these lines only as the plant moves (the
 * mutation evidence in docs/safety.md).
 */
@Tag("H34")
class TurningWhileOffCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final WindingProbe probe = drive.windingProbe();
    private final TurningWhileOffCheck check = new TurningWhileOffCheck(
            new SafetyInputs(SIM, drive, null, null, null, hw, null, TickTrace.system(), null));
    private long t = 10_000 * MS;
    /** The current the probe drives for on the sim motor (45 mA), and the line a drive that obeys stays under. */
    private final double probeAmps = probe.probeAmps();
    private final double line = TurningWhileOffCheck.OBEYED_MULTIPLE * probeAmps;

    /** Starts a probe in CHECKING and ticks it until its pulse drives the bridge, the cam resting in its index window. */
    private void probeDriving() {
        check.stateEntered(PenState.CHECKING, t);
        hw.indexActive = true;
        double reading = hw.currentAmps;
        hw.currentAmps = drive.currentOffsetAmps(); // the zero: the bridge off
        probe.start(t);
        while (probe.phase() != WindingProbe.Phase.PULSE) {
            t += MS;
            probe.periodic(t);
        }
        assertThat(probe.drivesTheBridge()).isTrue();
        hw.currentAmps = reading;
    }

    /** One tick of the check with {@code edges} index edges in it. */
    private FaultCode tick(int edges) {
        t += MS;
        for (int i = 0; i < edges; i++) {
            hw.edges.add(t - i);
        }
        drive.readEdges();
        return check.check(t, PenState.CHECKING);
    }

    @Test
    void givenTheProbesCurrent_thenTheCamRestingInItsWindowIsNoFault_andItsLevelDroppingIsF25TheSpring() {
        hw.currentAmps = probeAmps;
        probeDriving();
        for (int i = 0; i < 50; i++) {
            assertThat(tick(0)).as("tick %d, the index active, no edge", i).isNull();
        }
        hw.indexActive = false;
        assertThat(tick(0)).isEqualTo(FaultCode.F25_SPRING_FAILED);
        assertThat(check.detail()).isEqualTo("the cam turned out of its index window under the winding probe's 1 %"
                + " duty with the current as small as the probe's: the spring no longer holds it against the drive");
    }

    @Test
    void givenTheIndexInactiveFromTheProbesFirstTick_thenNoFaultWithoutAnEdge_andAnEdgeIsF25() {
        hw.currentAmps = probeAmps;
        probeDriving();
        hw.indexActive = false; // a level that never was active in this probe did not leave its window in it
        assertThat(tick(0)).isNull();
        assertThat(tick(0)).isNull();
        assertThat(tick(1)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenAnEdgeWithTheCurrentExactlyOnTheObeyedLine_thenF13_andJustBelowIt_thenF25() {
        hw.currentAmps = line;
        probeDriving();
        assertThat(tick(0)).isNull();
        assertThat(tick(1)).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
        assertThat(check.detail()).isEqualTo("the shaft turned out of its index window while the winding probe drove the"
                + " bridge at about 1 % duty, drawing amperes: the drive does not obey its duty");

        TurningWhileOffCheck below = new TurningWhileOffCheck(
                new SafetyInputs(SIM, drive, null, null, null, hw, null, TickTrace.system(), null));
        hw.currentAmps = Math.nextDown(line);
        drive.readEdges();
        assertThat(below.check(t, PenState.CHECKING)).isNull();
        hw.edges.add(t + MS);
        drive.readEdges();
        assertThat(below.check(t + MS, PenState.CHECKING)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenAmperesEarlierInTheProbe_thenAnEdgeAfterTheCurrentFellIsStillF13() {
        hw.currentAmps = probeAmps;
        probeDriving();
        assertThat(tick(0)).isNull();
        hw.currentAmps = -1.2; // a drive spinning the cam the other way: the size counts
        assertThat(tick(0)).isNull();
        hw.currentAmps = probeAmps;
        assertThat(tick(0)).isNull();
        assertThat(tick(1)).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
    }

    @Test
    void givenACurrentThatIsNotANumberInTheProbe_thenAnEdgeIsF13_notTakenForAnObeyingDrive() {
        hw.currentAmps = probeAmps;
        probeDriving();
        hw.currentAmps = Double.NaN;
        assertThat(tick(0)).isNull();
        hw.currentAmps = probeAmps;
        assertThat(tick(1)).isEqualTo(FaultCode.F13_TURNING_WHILE_OFF);
    }

    @Test
    void givenAMonitorWithAnOffset_thenTheCurrentIsJudgedLessItsMeasuredZero() {
        // the monitor reads 20 mA at rest: measured as its zero with the drive off and the shaft still
        hw.currentAmps = 0.02;
        for (long s = 0; s <= 400 * MS; s += MS) {
            drive.periodic(s);
        }
        assertThat(drive.currentOffsetAmps()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
        // a reading above the line whose zeroed current is below it: a drive that obeyed, F25
        hw.currentAmps = 0.02 + line - 0.005;
        probeDriving();
        assertThat(tick(1)).isEqualTo(FaultCode.F25_SPRING_FAILED);
    }

    @Test
    void givenAProbeThatSawAmperesWithTheIndexActive_thenTheNextProbeIsJudgedAfresh() {
        hw.currentAmps = 1.0;
        probeDriving();
        assertThat(tick(0)).isNull(); // amperes, the index active: the most current is now 1 A
        probe.abort(); // CHECKING left early: the bridge off
        assertThat(tick(0)).isNull();
        check.stateEntered(PenState.READY, t);

        hw.currentAmps = probeAmps;
        probeDriving();
        hw.indexActive = false; // not a drop from the last probe's active level
        assertThat(tick(0)).isNull();
        assertThat(tick(1)).as("the last probe's amperes are not this probe's").isEqualTo(FaultCode.F25_SPRING_FAILED);
    }
}
