package com.needlepen.firmware.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger of used cartridges in its file: what survives a restart, a torn write, a bad line. */
@Tag("H24")
class FileCartridgeLedgerTest {

    @TempDir
    Path dir;

    @Test
    void givenRecordsWhenReopenedThenEveryCartridgeIsStillKnownWithItsSession() throws Exception {
        Path file = dir.resolve("cartridges.log");
        FileCartridgeLedger ledger = FileCartridgeLedger.open(file, Runnable::run);
        assertThat(ledger.record("CART-1", "S-1", 1_000L).done()).isTrue();
        assertThat(ledger.record("CART-2", "S-2", 2_000L).done()).isTrue();

        FileCartridgeLedger again = FileCartridgeLedger.open(file, Runnable::run);
        assertThat(again.find("CART-1")).isEqualTo(new CartridgeLedger.Entry("CART-1", 1_000L, "S-1"));
        assertThat(again.find("CART-2").sessionId()).isEqualTo("S-2");
        assertThat(again.find("CART-3")).isNull();
        assertThat(Files.readString(file)).isEqualTo("CART-1\t1000\tS-1\nCART-2\t2000\tS-2\n");
    }

    @Test
    void givenALastLineTornByAPowerCutThenItIsIgnoredAndCutOffBeforeTheNextRecord() throws Exception {
        Path file = dir.resolve("cartridges.log");
        Files.writeString(file, "CART-1\t1000\tS-1\nCART-2\t20", StandardCharsets.UTF_8);
        FileCartridgeLedger ledger = FileCartridgeLedger.open(file, Runnable::run);
        assertThat(ledger.find("CART-2")).as("never durable, so no run started on it").isNull();
        assertThat(ledger.record("CART-3", "S-3", 3_000L).done()).isTrue();

        assertThat(Files.readString(file)).isEqualTo("CART-1\t1000\tS-1\nCART-3\t3000\tS-3\n");
        FileCartridgeLedger again = FileCartridgeLedger.open(file, Runnable::run);
        assertThat(again.size()).isEqualTo(2);
        assertThat(again.find("CART-3")).isNotNull();
    }

    @Test
    void givenAMalformedLineThenTheLedgerIsRefusedNamingTheFileAndLine() throws Exception {
        Path file = dir.resolve("cartridges.log");
        Files.writeString(file, "CART-1\t1000\tS-1\nCART 2 1000 S-2\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> FileCartridgeLedger.open(file, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": line 2: 'CART 2 1000 S-2' is not a cartridge record; expected"
                        + " id<TAB>utcMillis<TAB>sessionId");
        assertThat(Files.readString(file)).as("nothing rewritten").startsWith("CART-1");
    }

    @Test
    void givenAFileThatCannotBeWrittenThenTheReceiptFailsAndTheCartridgeIsNotTakenAsUsed() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        FileCartridgeLedger ledger = FileCartridgeLedger.open(blocker.resolve("cartridges.log"), Runnable::run);
        CartridgeLedger.Receipt r = ledger.record("CART-9", "S-9", 9_000L);
        assertThat(r.done()).isFalse();
        assertThat(r.failure()).startsWith("cannot record cartridge CART-9 in ");
        assertThat(ledger.find("CART-9")).as("no run started on it: it may be used once the ledger works").isNull();
    }

    @Test
    void givenAWriterThreadThenTheCartridgeIsKnownAtOnceAndTheReceiptIsDoneOnlyOnceWritten() throws Exception {
        Path file = dir.resolve("cartridges.log");
        var pending = new java.util.ArrayList<Runnable>();
        FileCartridgeLedger ledger = FileCartridgeLedger.open(file, pending::add);
        CartridgeLedger.Receipt r = ledger.record("CART-5", "S-5", 5_000L);
        assertThat(ledger.find("CART-5")).as("a second session cannot open on it meanwhile").isNotNull();
        assertThat(r.done()).isFalse();
        assertThat(Files.exists(file)).isFalse();
        pending.forEach(Runnable::run);
        assertThat(r.done()).isTrue();
        assertThat(Files.readString(file)).isEqualTo("CART-5\t5000\tS-5\n");
    }

    @Test
    void givenTwoProcessesThatReadTheLedgerBeforeEitherRecorded_whenBothRecordOneCartridge_thenOnlyTheFirstSucceeds()
            throws Exception {
        // each opened ledger stands for a process: both read an empty file, both see the cartridge as new
        Path file = dir.resolve("cartridges.log");
        FileCartridgeLedger first = FileCartridgeLedger.open(file, Runnable::run);
        FileCartridgeLedger second = FileCartridgeLedger.open(file, Runnable::run);
        assertThat(first.find("CART-9")).isNull();
        assertThat(second.find("CART-9")).isNull();

        CartridgeLedger.Receipt a = first.record("CART-9", "S-A", 1_000L);
        CartridgeLedger.Receipt b = second.record("CART-9", "S-B", 2_000L);

        assertThat(a.done()).isTrue();
        assertThat(b.done()).isFalse();
        assertThat(b.failure()).contains("cartridge CART-9 was used in session S-A")
                .contains("recorded by another process");
        assertThat(second.find("CART-9").sessionId()).isEqualTo("S-A");
        assertThat(Files.readString(file)).isEqualTo("CART-9\t1000\tS-A\n");
        assertThat(second.record("CART-10", "S-B", 3_000L).done()).as("the other's records are kept").isTrue();
        assertThat(Files.readString(file)).isEqualTo("CART-9\t1000\tS-A\nCART-10\t3000\tS-B\n");
    }
}
