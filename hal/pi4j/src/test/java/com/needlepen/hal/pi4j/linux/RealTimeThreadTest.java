package com.needlepen.hal.pi4j.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop thread's core and priority: the isolated cores read from the kernel's command line, and what is said. */
class RealTimeThreadTest {

    @TempDir
    Path dir;

    @Test
    void givenKernelCommandLines_thenTheIsolatedCoresAreTheListedOnes_flagsIgnored() {
        assertThat(RealTimeThread.isolated("console=tty1 isolcpus=3 nohz_full=3").stream().toArray()).containsExactly(3);
        assertThat(RealTimeThread.isolated("isolcpus=managed_irq,domain,2-3,5 quiet").stream().toArray())
                .containsExactly(2, 3, 5);
        assertThat(RealTimeThread.isolated("console=tty1 root=/dev/mmcblk0p2").isEmpty()).isTrue();
    }

    @Test
    void givenNoIsolatedCore_whenPrepared_thenItSaysSoAndLeavesTheThreadOnTheSharedCores() throws Exception {
        Path cmdline = Files.writeString(dir.resolve("cmdline"), "console=tty1\n");
        String[] said = new String[1];
        // a thread of its own, which ends at once: it may become SCHED_FIFO here (the tests run as root)
        Thread t = new Thread(() -> said[0] = RealTimeThread.prepare(cmdline, 1));
        t.start();
        t.join();
        System.out.println(said[0]);
        assertThat(said[0]).startsWith("the loop thread: no isolated core (isolcpus= not on the kernel command line), left"
                + " on the shared cores, ").containsPattern("(SCHED_FIFO 1|not SCHED_FIFO \\(errno \\d+.*)$");
    }
}
