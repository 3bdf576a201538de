package com.needlepen.firmware.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.needlepen.config.DeviceProfile;
import com.needlepen.config.ProfileLoader;
import org.junit.jupiter.api.Test;

/**
 * What {@link StrokeDrive} reports of itself to the checks: whether it regulates, whether the driver
 * is enabled, the set rate after a change while running, the current as read; and the index rate
 * estimator's edges (a repeated timestamp, two periods, no edge yet), which the rate checks judge.
 */
class StrokeDriveStateTest {

    private static final DeviceProfile SIM = ProfileLoader.bundled("sim");
    private static final long MS = 1_000_000L;

    private final FakeDriveHardware hw = new FakeDriveHardware();
    private final StrokeDrive drive = hw.drive(SIM);

    @Test
    void givenARun_thenTheDriveRegulatesEnabledAtTheSetRate_untilBrakedOrDisabled() {
        assertThat(drive.regulating()).isFalse();
        assertThat(drive.enabled()).isFalse();
        drive.startRun(0, 100);
        assertThat(drive.regulating()).isTrue();
        assertThat(drive.enabled()).isTrue();
        assertThat(drive.setRateHz()).isEqualTo(100.0);
        drive.setRateHz(80);
        assertThat(drive.setRateHz()).isEqualTo(80.0);
        drive.brake();
        assertThat(drive.regulating()).isFalse();
        assertThat(drive.enabled()).as("braking holds the driver enabled").isTrue();
        drive.disable();
        assertThat(drive.enabled()).isFalse();
    }

    @Test
    void givenACurrentReading_thenTheDriveReportsItAsRead() {
        hw.currentAmps = 0.734;
        assertThat(drive.currentAmps()).isEqualTo(0.734);
    }

    @Test
    void givenNoEdgeYet_thenTheEstimatorHasNone_andAfterOneItHasOneButNoPeriod() {
        IndexRateEstimator e = new IndexRateEstimator();
        assertThat(e.hasEdge()).isFalse();
        assertThat(e.hasMeasurement()).isFalse();
        e.onEdge(5 * MS);
        assertThat(e.hasEdge()).isTrue();
        assertThat(e.hasMeasurement()).isFalse();
        e.reset();
        assertThat(e.hasEdge()).isFalse();
    }

    @Test
    void givenTwoPeriods_thenTheRateIsTheirMean() {
        IndexRateEstimator e = new IndexRateEstimator();
        e.onEdge(0);
        e.onEdge(10 * MS);
        e.onEdge(14 * MS); // periods of 10 and 4 ms: 7 ms
        assertThat(e.rateHz(14 * MS)).isEqualTo(1e9 / 7_000_000L);
    }

    @Test
    void givenTheSameTimestampTwice_thenItIsOneEdgeForTheRate() {
        IndexRateEstimator e = new IndexRateEstimator();
        e.onEdge(0);
        e.onEdge(10 * MS);
        e.onEdge(10 * MS);
        assertThat(e.rateHz(10 * MS)).isEqualTo(100.0);
        assertThat(e.edges()).isEqualTo(3);
    }
}
