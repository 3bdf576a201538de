/**
 * The pen's hardware on a Raspberry Pi 4 or 5 (64-bit Raspberry Pi OS): the backend {@code pi4j}, the only
 * code that imports {@code com.pi4j}. Chip drivers ({@code tmc5160}, {@code tmc2209}, {@code i2c}) talk to their
 * chips through the narrow channels of {@code bus}, which production fills from Pi4J's linuxfs providers and
 * driver tests fill with register models of the chips; the index sensor's edges come with the kernel's
 * timestamps ({@code gpio}).
 */
package com.needlepen.hal.pi4j;
