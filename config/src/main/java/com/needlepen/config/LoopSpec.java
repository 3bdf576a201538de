package com.needlepen.config;

/** The supervisor loop's fixed period. */
public record LoopSpec(int periodMicros) {

    public long periodNanos() {
        return periodMicros * 1000L;
    }
}
