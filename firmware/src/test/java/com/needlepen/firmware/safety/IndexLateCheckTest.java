package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * F39 once the instant the platform vouches its index edges complete through lags the clock by more than 10 ms, in
 * any state; the detail says by how much. A platform that hands edges over as they are stamped never lags.
 */
@Tag("H58")
class IndexLateCheckTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);
    private final IndexLateCheck check = new IndexLateCheck(new SafetyInputs(SIM, drive, null, null, null, hw, null,
            com.needlepen.firmware.loop.TickTrace.system(), null));

    private FaultCode at(long nowNanos, long completeThroughNanos, PenState state) {
        hw.completeThroughNanos = completeThroughNanos;
        drive.readEdges();
        return check.check(nowNanos, state);
    }

    @Test
    void givenALagOfExactlyTheBound_thenNoFault_andANanosecondMoreIsF39InAnyState() {
        long now = 5_000 * MS;
        assertThat(at(now, now - 10 * MS, PenState.RUNNING)).isNull();
        assertThat(at(now, now - 10 * MS - 1, PenState.RUNNING)).isEqualTo(FaultCode.F39_INDEX_EDGES_LATE);
        assertThat(at(now, now - 50 * MS, PenState.READY)).isEqualTo(FaultCode.F39_INDEX_EDGES_LATE);
        assertThat(check.detail()).isEqualTo("index edges handed over 50.0 ms behind the clock (at most 10 ms allowed)");
    }

    @Test
    void givenAPlatformThatHandsEdgesOverAsStamped_thenNeverLate() {
        assertThat(at(5_000 * MS, Long.MAX_VALUE, PenState.RUNNING)).isNull();
        // an instant past the clock (a platform whose reading ran ahead) is no lag either
        assertThat(at(5_000 * MS, 5_001 * MS, PenState.RUNNING)).isNull();
    }

    @Test
    void f39ParksAndDoesNotCutTheDrive() {
        assertThat(FaultCode.F39_INDEX_EDGES_LATE.driveSuspect()).isFalse();
        assertThat(FaultCode.F39_INDEX_EDGES_LATE.parkable()).isTrue();
    }
}
