package com.needlepen.firmware.panel;

import com.needlepen.firmware.state.PenState;

import com.needlepen.config.DeviceProfile;
import com.needlepen.hal.PanelButton;

/**
 * Turns the practitioner's debounced button presses into commands: start/stop toggles, the
 * footswitch holds to run, depth and rate buttons step by the profile's increments, the preset
 * button cycles through the presets. Allocates nothing.
 */
public final class PanelCommands {

    private final PanelInputs panel;
    private final DeviceProfile profile;
    private int presetIndex = -1;

    public PanelCommands(PanelInputs panel, DeviceProfile profile) {
        this.panel = panel;
        this.profile = profile;
    }

    public void apply(long now, Commands commands) {
        panel.sample(now);
        if (panel.pressed(PanelButton.START_STOP)) {
            if (commands.state() == PenState.RUNNING || commands.state() == PenState.CALIBRATING
                    || commands.state() == PenState.CHECKING) {
                commands.stop(now, false);
            } else {
                commands.start(now, false);
            }
        }
        if (panel.pressed(PanelButton.FOOTSWITCH)) {
            commands.start(now, true);
        }
        if (panel.released(PanelButton.FOOTSWITCH)) {
            commands.stop(now, true);
        }
        double depthStep = profile.depth().stepMm();
        double rateStep = profile.rate().stepHz();
        if (panel.pressed(PanelButton.DEPTH_UP)) {
            commands.changeSettings(now, commands.depthMm() + depthStep, commands.rateHz());
        }
        if (panel.pressed(PanelButton.DEPTH_DOWN)) {
            commands.changeSettings(now, commands.depthMm() - depthStep, commands.rateHz());
        }
        if (panel.pressed(PanelButton.RATE_UP)) {
            commands.changeSettings(now, commands.depthMm(), commands.rateHz() + rateStep);
        }
        if (panel.pressed(PanelButton.RATE_DOWN)) {
            commands.changeSettings(now, commands.depthMm(), commands.rateHz() - rateStep);
        }
        if (panel.pressed(PanelButton.PRESET) && !profile.presets().isEmpty()) {
            presetIndex = (presetIndex + 1) % profile.presets().size();
            commands.selectPreset(now, profile.presets().get(presetIndex).name());
        }
        if (panel.pressed(PanelButton.ACKNOWLEDGE)) {
            commands.acknowledge();
        }
        if (panel.pressed(PanelButton.CONFIRM)) {
            commands.confirm(now);
        }
    }
}
