package com.needlepen.firmware.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void givenNoJitter_whenFailingRepeatedly_thenDelaysDoubleFromHalfTheMinimumUpToHalfTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);

        long[] delays = LongStream.range(0, 9).map(i -> backoff.nextDelayMillis()).toArray();

        assertThat(delays).containsExactly(50, 100, 200, 400, 800, 1600, 2500, 2500, 2500);
    }

    @Test
    void givenFullJitter_whenFailingRepeatedly_thenDelaysStayBelowTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.999_999);

        long[] delays = LongStream.range(0, 9).map(i -> backoff.nextDelayMillis()).toArray();

        assertThat(delays).containsExactly(99, 199, 399, 799, 1599, 3199, 4999, 4999, 4999);
    }

    @Test
    void givenAGrownDelay_whenReset_thenItStartsFromTheMinimumAgain() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);
        for (int i = 0; i < 6; i++) {
            backoff.nextDelayMillis();
        }

        backoff.reset();

        assertThat(backoff.nextDelayMillis()).isEqualTo(50);
    }

    @Test
    void whenTheCapIsBelowTheMinimum_thenRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofMillis(100), () -> 0.0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
