package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import com.needlepen.firmware.drive.FakeDriveHardware;
import com.needlepen.firmware.drive.StrokeDrive;
import com.needlepen.firmware.loop.TickTrace;
import com.needlepen.firmware.state.PenState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * H19's line against the index's own jitter. Two index stamps each 0.7 ms late, two edges apart (an
 * interrupt delayed twice within a few revolutions), make the periods P+x, P-x, P+x, P-x: the median
 * of the last three reads P-x, 168 Hz for a shaft turning at 150 Hz, over the 165 Hz line. Found as a
 * false F03 100 to 150 s into a 150 Hz run on skin on the sim. The check asks the mean over the last
 * four periods too, whose ends are on time.
 */
class OverspeedLateStampsTest {

    private static final long P = Math.round(1e9 / 150.0);
    private static final long LATE = 700_000L;

    private static OverspeedCheck check(DeviceProfile profile, StrokeDrive drive, FakeDriveHardware hw) {
        return new OverspeedCheck(new SafetyInputs(profile, drive, null, null, null, hw, null, TickTrace.system(), null));
    }

    @Tag("H19")
    @Test
    void givenTwoLateStampsTwoEdgesApartAt150Hz_thenTheMedianReadsOverTheLineButNoF03() {
        DeviceProfile sim = ProfileLoader.bundled("sim");
        FakeDriveHardware hw = new FakeDriveHardware();
        StrokeDrive drive = hw.drive(sim);
        hw.edgesEvery(P, 0, 10);
        hw.edges.add(10 * P + LATE);
        hw.edges.add(11 * P);
        hw.edges.add(12 * P + LATE);
        hw.edges.add(13 * P);
        drive.readEdges();
        long now = 13 * P + 1_000;

        OverspeedCheck check = check(sim, drive, hw);
        FaultCode fault = check.check(now, PenState.RUNNING);

        System.out.printf("H19: two late stamps at 150 Hz: median %.1f Hz, over four periods %.1f Hz: %s%n",
                drive.measuredRateHz(now), drive.spanRateHz(), fault);
        assertThat(drive.measuredRateHz(now)).as("the median alone").isGreaterThan(165.0);
        assertThat(drive.spanRateHz()).isCloseTo(150.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(fault).isNull();
    }

    @Tag("H19")
    @Test
    void givenARunawayThatCrossesTheLine_thenF03WithinTwoPeriodsOfTheMedian() {
        // a shaft accelerating from 150 Hz by 2 Hz a revolution: the median crosses 165 Hz first, the four-period
        // mean follows; F03 latches no more than two edges after the median alone would have
        DeviceProfile sim = ProfileLoader.bundled("sim");
        FakeDriveHardware hw = new FakeDriveHardware();
        StrokeDrive drive = hw.drive(sim);
        OverspeedCheck check = check(sim, drive, hw);
        long t = 0;
        double rate = 150.0;
        int medianAt = -1;
        int faultAt = -1;
        for (int edge = 0; edge < 40 && faultAt < 0; edge++) {
            hw.edges.add(t);
            drive.readEdges();
            if (medianAt < 0 && edge > 3 && drive.measuredRateHz(t) > 165.0) {
                medianAt = edge;
            }
            if (check.check(t, PenState.RUNNING) == FaultCode.F03_OVERSPEED) {
                faultAt = edge;
            }
            t += Math.round(1e9 / rate);
            rate += 2.0;
        }
        System.out.printf("H19: runaway at 2 Hz a revolution: the median over the line at edge %d, F03 at edge %d%n",
                medianAt, faultAt);
        assertThat(medianAt).isPositive();
        assertThat(faultAt).isBetween(medianAt, medianAt + 2);
    }
}
