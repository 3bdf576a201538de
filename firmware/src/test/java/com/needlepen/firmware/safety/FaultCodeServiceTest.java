package com.needlepen.firmware.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The faults that cannot be acknowledged (F13, F26, F33) and the reason the refusal gives for each
 * (StateMachine puts it after "cannot be acknowledged: "); every other fault has none. Without this an
 * empty reason went unnoticed (the mutation evidence in docs/safety.md).
 */
class FaultCodeServiceTest {

    @Test
    void givenEachFault_thenOnlyThoseThatNeedServiceGiveAReason_andItSaysWhatFailed() {
        assertThat(FaultCode.F13_TURNING_WHILE_OFF.serviceReason()).isEqualTo("the motor's driver failed");
        assertThat(FaultCode.F26_SENSOR_STUCK.serviceReason()).startsWith("a sensor failed: ").hasSizeGreaterThan(17);
        assertThat(FaultCode.F33_BRAKE_SWITCH_FAILED.serviceReason())
                .isEqualTo("the brake switch that stops an unpowered motor failed");
        for (FaultCode code : FaultCode.values()) {
            assertThat(code.serviceReason() != null).as("%s", code).isEqualTo(code.needsService());
        }
    }
}
