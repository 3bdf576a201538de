package com.needlepen.hal.pi4j.watchdog;

import com.needlepen.hal.pi4j.linux.LibC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class LinuxWatchdogTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private final FakeWatchdogDevice device = new FakeWatchdogDevice();
    private final LinuxWatchdog watchdog = new LinuxWatchdog("/dev/watchdog", device.opener(),
            LinuxWatchdog.BCM2835_MAX_TIMEOUT_SECONDS);

    @Test
    void startOpensTheNodeSetsTheTimeoutAndKicksOnce() {
        watchdog.start(2 * S);

        assertThat(device.log).containsExactly("open /dev/watchdog", "WDIOC_SETTIMEOUT 2", "WDIOC_KEEPALIVE");
        assertThat(watchdog.started()).isTrue();
        assertThat(watchdog.timeoutSeconds()).isEqualTo(2);
    }

    @Test
    void fifteenSecondsIsTheMostAndMoreIsRefusedWithoutOpeningTheNode() {
        watchdog.start(15 * S);
        assertThat(device.log).contains("WDIOC_SETTIMEOUT 15");

        LinuxWatchdog other = new LinuxWatchdog("/dev/watchdog", new FakeWatchdogDevice().opener(), 15);
        assertThatThrownBy(() -> other.start(16 * S))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("watchdog timeout of 16.0 s refused: /dev/watchdog takes whole seconds from 1 to 15"
                        + " (bcm2835_wdt's maximum)");
        assertThat(other.started()).isFalse();
    }

    @Test
    void aFractionalOrSubSecondTimeoutIsRefusedNotRounded() {
        assertThatThrownBy(() -> watchdog.start(1_500 * MS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("watchdog timeout of 1.5 s refused");
        assertThatThrownBy(() -> watchdog.start(500 * MS)).isInstanceOf(IllegalArgumentException.class);
        assertThat(device.log).isEmpty();
    }

    @Test
    void aDriverThatTakesAnotherTimeoutIsRefusedAndDisarmed() {
        device.adjustTo = 15;
        assertThatThrownBy(() -> watchdog.start(2 * S))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("/dev/watchdog took a timeout of 15 s when 2 s was asked for; watchdog disarmed");
        assertThat(device.log).containsExactly("open /dev/watchdog", "WDIOC_SETTIMEOUT 2", "write V", "close");
        assertThat(watchdog.started()).isFalse();
    }

    @Test
    void aBusyNodeIsOneLineSayingWhoHoldsItAndTheFix() {
        String busy = LinuxWatchdogDevice.openFailure("/dev/watchdog", LibC.EBUSY);
        LinuxWatchdog held = new LinuxWatchdog("/dev/watchdog", node -> {
            throw new IOException(busy);
        }, 15);

        assertThatThrownBy(() -> held.start(2 * S))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("/dev/watchdog is busy: another process holds it (systemd does when RuntimeWatchdogSec is set;"
                        + " set RuntimeWatchdogSec=off in /etc/systemd/system.conf.d/, the pen's firmware feeds the watchdog itself)");
        assertThat(held.started()).isFalse();
        held.feed(0); // nothing to kick, nothing thrown
    }

    @Test
    void permissionDeniedNamesTheNodeAndTheRule() {
        assertThat(LinuxWatchdogDevice.openFailure("/dev/watchdog", LibC.EACCES)).isEqualTo(
                "permission denied opening /dev/watchdog: it is root's; the needlepen package's udev rule gives it to"
                        + " group needlepen (mode 0660)");
    }

    @Test
    void feedsEveryTickBecomeOneKickPerQuarterTimeoutInVirtualTime() {
        watchdog.start(2 * S);
        long t0 = 10 * S;
        for (long now = t0; now < t0 + 2 * S; now += MS) { // two seconds of 1 ms ticks
            watchdog.feed(now);
        }
        // the start's kick, then t0, t0 + 0.5 s, + 1.0 s, + 1.5 s
        assertThat(device.keepAlives()).isEqualTo(1 + 4);
    }

    @Test
    void theKickAfterStartIsTheFirstFeedWhateverItsTime() {
        watchdog.start(2 * S);
        watchdog.feed(-5 * S);
        watchdog.feed(-5 * S + MS);
        assertThat(device.keepAlives()).isEqualTo(2);
    }

    @Test
    void exactlyAQuarterTimeoutAfterTheLastKickKicks() {
        watchdog.start(4 * S);
        watchdog.feed(0);
        watchdog.feed(S - 1);
        assertThat(device.keepAlives()).isEqualTo(2);
        watchdog.feed(S);
        assertThat(device.keepAlives()).isEqualTo(3);
    }

    @Test
    void aClockThatRunsBackwardsKicksAtOnce() {
        watchdog.start(2 * S);
        watchdog.feed(10 * S);
        watchdog.feed(9 * S);
        assertThat(device.keepAlives()).isEqualTo(3);
    }

    @Test
    void feedingBeforeStartDoesNothing() {
        watchdog.feed(0);
        assertThat(device.log).isEmpty();
        assertThat(watchdog.started()).isFalse();
    }

    @Test
    void aFailedKickIsCountedAndTheTickCarriesOn() {
        watchdog.start(2 * S);
        device.failKeepAlive = true;
        watchdog.feed(0);
        watchdog.feed(MS); // not kicked yet: tried again
        assertThat(watchdog.failedKicks()).isEqualTo(2);
        device.failKeepAlive = false;
        watchdog.feed(2 * MS);
        watchdog.feed(3 * MS);
        assertThat(watchdog.failedKicks()).isEqualTo(2);
        assertThat(device.keepAlives()).isEqualTo(1 + 3);
    }

    @Test
    void closeWritesTheMagicVJustBeforeClosing() {
        watchdog.start(2 * S);
        watchdog.feed(0);
        watchdog.close();

        assertThat(device.written.toByteArray()).containsExactly((byte) 'V');
        assertThat(device.log).endsWith("WDIOC_KEEPALIVE", "write V", "close");
        assertThat(watchdog.started()).isFalse();
        watchdog.feed(S);
        assertThat(device.log).endsWith("write V", "close");
    }

    @Test
    void closeBeforeStartTouchesNothing() {
        watchdog.close();
        assertThat(device.log).isEmpty();
    }

    @Test
    void aSecondStartWithTheSameTimeoutIsANoOpAndAnotherResetsIt() {
        watchdog.start(2 * S);
        watchdog.start(2 * S);
        assertThat(device.log).containsExactly("open /dev/watchdog", "WDIOC_SETTIMEOUT 2", "WDIOC_KEEPALIVE");
        watchdog.start(5 * S);
        assertThat(device.log).endsWith("WDIOC_SETTIMEOUT 5", "WDIOC_KEEPALIVE");
        assertThat(device.log).filteredOn(s -> s.startsWith("open")).hasSize(1);
    }

    @Test
    void ioctlNumbersAreTheHeaders() {
        assertThat(LinuxWatchdogDevice.WDIOC_KEEPALIVE).isEqualTo(0x80045705L);
        assertThat(LinuxWatchdogDevice.WDIOC_SETTIMEOUT).isEqualTo(0xC0045706L);
        assertThat(LinuxWatchdogDevice.WDIOC_GETTIMEOUT).isEqualTo(0x80045707L);
    }

    @Test
    void feedingAllocatesNothing() {
        watchdog.start(2 * S);
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < 100; i++) {
            watchdog.feed(i * MS); // warm up (one kick; the fake's log allocates, so stay inside one interval)
        }
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 100; i < 400; i++) {
            watchdog.feed(i * MS);
        }
        assertThat(bean.getThreadAllocatedBytes(tid) - before).isZero();
    }
}
