package com.needlepen.config;

/** Motor supply voltage range, in volts. The worst case for speed is {@code minVolts}. */
public record SupplySpec(double minVolts, double nominalVolts, double maxVolts) {
}
