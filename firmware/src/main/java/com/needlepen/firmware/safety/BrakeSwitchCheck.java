package com.needlepen.firmware.safety;

import com.needlepen.firmware.state.PenState;
import java.util.Locale;

/**
 * The normally-closed brake switch across the winding follows the drive's enable (H30, F33). The
 * switch is what stops the motor when the bridge is open (a power loss, the enable timer, the
 * dead-man, every fault): stuck open, it is latent while the bridge brakes on its own low sides, and
 * the next power loss coasts the needles through about 45 revolutions. The firmware sees it through
 * the relay's force-guided monitor contact ({@link com.needlepen.hal.BrakeMonitor}): whenever the
 * drive's enable has been low for {@link #SETTLE_NANOS} (at power-on, and after every stop, which
 * disables the driver once the cam is parked) the monitor must say "released, the brake closed";
 * whenever it has been high that long with the supply present, "energised, the brake open". Either
 * disagreement is F33, which cannot be acknowledged ({@link FaultCode#needsService()}): the pen
 * refuses every run until it is serviced.
 *
 * <p>The first line catches what endangers the needles: a relay whose armature does not release (a
 * coil driver stuck on, a jammed armature, the monitor contact welded, which the force guiding makes
 * hold the brake contact open), and the monitor's own input shorted. The second catches a brake
 * contact welded shut and the monitor's wire broken: the switch would then brake a running motor or
 * could no longer be judged. A brake contact that does not make although the armature released is
 * beyond any monitor contact: residual (docs/safety.md H30).
 *
 * <p>The enable's standing time is counted from the tick that saw it change, so a parking nudge (12 ms)
 * or a dead-man that dropped it between ticks is never judged before the relay had its release or
 * operate time (at most 10 ms each, the hardware requirement), doubled. The supply condition is
 * written so that a reading that is not a number skips the second line (F19 and F21 judge that
 * reading); nothing skips the first.
 */
public final class BrakeSwitchCheck implements SafetyCheck {

    /** The relay's release or operate time (at most 10 ms), doubled: the monitor must agree by then. */
    public static final long SETTLE_NANOS = 20_000_000L;

    private final SafetyInputs in;
    private final double supplyPresentVolts;
    private String detail;

    public BrakeSwitchCheck(SafetyInputs in) {
        this.in = in;
        this.supplyPresentVolts = SupplyLostCheck.FRACTION * in.profile().supply().minVolts();
    }

    @Override
    public FaultCode check(long nowNanos, PenState state) {
        var drive = in.drive();
        long steady = drive.enableSteadyForNanos(nowNanos);
        if (steady < SETTLE_NANOS) {
            return null;
        }
        boolean saysClosed = drive.brakeMonitorSaysClosed();
        if (!drive.enabled()) {
            if (!saysClosed) {
                detail = String.format(Locale.ROOT, "the drive's enable has been low for %.0f ms and the brake relay's"
                        + " monitor contact still says energised: the brake switch does not close (an armature or coil"
                        + " driver stuck, a welded monitor contact) or its monitor input is shorted", steady / 1e6);
                return FaultCode.F33_BRAKE_SWITCH_FAILED;
            }
            return null;
        }
        if (saysClosed && in.sensors().supplyVolts() >= supplyPresentVolts) {
            detail = String.format(Locale.ROOT, "the drive has been enabled for %.0f ms with the supply present and the"
                    + " brake relay's monitor contact still says released: the brake contact is welded shut or the"
                    + " monitor's wire is broken", steady / 1e6);
            return FaultCode.F33_BRAKE_SWITCH_FAILED;
        }
        return null;
    }

    @Override
    public String detail() {
        return detail;
    }
}
