package com.needlepen.firmware.drive;

/** For the safety checks' tests: puts a {@link WindingEstimate} where a test wants it, as the probe would. */
public final class WindingEstimates {

    private WindingEstimates() {
    }

    /** The estimate as if the probe had just measured {@code celsius} on a winding of the profile's resistance. */
    public static void measured(WindingEstimate estimate, double celsius, double ohms) {
        estimate.measured(celsius, ohms);
    }
}
