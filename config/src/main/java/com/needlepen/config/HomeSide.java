package com.needlepen.config;

/** Which end of the collar's travel the home switch sits at. */
public enum HomeSide {
    /** The shallow end: homing retracts the needles. The only side supported so far. */
    SHALLOW
}
