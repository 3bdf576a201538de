package com.needlepen.config;

/**
 * Depths the practitioner may select, in mm of needle-tip protrusion at the top of a stroke.
 *
 * @param minMm                 shallowest selectable depth
 * @param maxMm                 deepest depth the profile knows of (at most the absolute maximum)
 * @param stepMm                increment of the depth +/- buttons
 * @param ceilingMm             deepest depth a practitioner may select without the unlock
 * @param unlockAboveCeiling    whether depths above the ceiling may be unlocked at session start
 */
public record DepthSpec(double minMm, double maxMm, double stepMm, double ceilingMm, boolean unlockAboveCeiling) {

    /** The deepest depth a practitioner may select with this profile. */
    public double selectableMaxMm() {
        return unlockAboveCeiling ? maxMm : ceilingMm;
    }
}
