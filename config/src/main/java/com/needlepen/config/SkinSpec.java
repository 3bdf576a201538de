package com.needlepen.config;

/**
 * The skin's resistance to the needles, used for the worst-case load.
 *
 * @param insertionForcePerNeedleN force to push one needle into skin while inserting
 * @param withdrawalFraction       withdrawal force as a fraction of the insertion force
 */
public record SkinSpec(double insertionForcePerNeedleN, double withdrawalFraction) {
}
