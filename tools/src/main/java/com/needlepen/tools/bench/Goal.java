package com.needlepen.tools.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One of issue 9's goals beside the figure that decides it.
 *
 * @param status    {@code met}, {@code missed}, or {@code not measured}
 * @param figure    the figure, with its baseline where it has one
 * @param shortfall for a missed goal, by how much; for one not measured, why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Goal(String goal, String status, String figure, String shortfall) {

    static final String MET = "met";
    static final String MISSED = "missed";
    static final String NOT_MEASURED = "not measured";

    static Goal decided(String goal, boolean met, String figure, String shortfall) {
        return new Goal(goal, met ? MET : MISSED, figure, met ? null : shortfall);
    }

    static Goal notMeasured(String goal, String why) {
        return new Goal(goal, NOT_MEASURED, null, why);
    }
}
