package com.needlepen.config;

import java.util.List;
import java.util.Optional;

/**
 * A device profile: what one model of pen is, and the limits it is allowed to work within. Read
 * from YAML by {@link ProfileLoader}, validated there, immutable afterwards.
 *
 * @param name    profile name
 * @param source  where it was read from (a file path or a bundled resource name)
 * @param backend which HAL backend drives this pen ({@code sim} or {@code pi4j})
 * @param hardware how a Raspberry Pi is wired to the pen, for the {@code pi4j} backend; null for any other
 * @param calibration what a depth calibration must achieve and how long it lasts
 * @param safety      limits the safety supervisor enforces
 * @param tuning      how the firmware drives this hardware: gains, thresholds, speeds (defaults
 *                    when the profile leaves them out)
 * @param thermal     how the handpiece's thermistor sees the applied part (defaults when left out)
 */
public record DeviceProfile(
        String name,
        String source,
        String backend,
        SupplySpec supply,
        MotorSpec motor,
        CamSpec cam,
        CollarSpec collar,
        DepthSpec depth,
        RateSpec rate,
        SkinSpec skin,
        List<CartridgeType> cartridges,
        List<Preset> presets,
        LoopSpec loop,
        TelemetrySpec telemetry,
        CalibrationSpec calibration,
        SafetySpec safety,
        TuningSpec tuning,
        ThermalSpec thermal,
        HardwareSpec hardware) {

    public DeviceProfile {
        cartridges = List.copyOf(cartridges);
        presets = List.copyOf(presets);
    }

    public Optional<Preset> preset(String presetName) {
        return presets.stream().filter(p -> p.name().equals(presetName)).findFirst();
    }

    /** The cartridge type with the most needles: the heaviest skin load this pen can see. */
    public CartridgeType heaviestCartridge() {
        CartridgeType heaviest = cartridges.get(0);
        for (int i = 1; i < cartridges.size(); i++) { // indexed: called on the control thread, no iterator
            if (cartridges.get(i).needles() > heaviest.needles()) {
                heaviest = cartridges.get(i);
            }
        }
        return heaviest;
    }

    public MotorLimits motorLimits() {
        return new MotorLimits(this);
    }
}
