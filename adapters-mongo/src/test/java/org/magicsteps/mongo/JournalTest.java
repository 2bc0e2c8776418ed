package org.magicsteps.mongo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.port.PortException;

class JournalTest {

    @TempDir
    Path dir;

    private static List<byte[]> records(String... texts) {
        return Stream.of(texts).map(t -> t.getBytes(UTF_8)).toList();
    }

    private static List<String> texts(Journal.Batch batch) {
        List<String> out = new ArrayList<>();
        batch.entries().forEach(e -> e.records().forEach(r -> out.add(new String(r, UTF_8))));
        return out;
    }

    /** Reads and confirms everything waiting, as the writer thread does. */
    private static List<String> drain(Journal journal) throws Exception {
        List<String> all = new ArrayList<>();
        Journal.Batch batch;
        while (!(batch = journal.read(1000, 0)).isEmpty()) {
            all.addAll(texts(batch));
            journal.confirm(batch);
        }
        return all;
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("predictions-")).sorted().toList();
        }
    }

    @Test
    void entriesAreReadBackInTheOrderAppended() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            journal.append(records("a", "b"), 1000);
            journal.append(records("c"), 2000);

            assertEquals(3, journal.pendingRecords());
            Journal.Batch batch = journal.read(10, 0);

            assertEquals(List.of("a", "b", "c"), texts(batch));
            assertEquals(1000, batch.entries().get(0).appendedAtMillis());
            journal.confirm(batch);
            assertEquals(0, journal.pendingRecords());
        }
    }

    @Test
    void aBatchEndsAfterTheEntryThatReachesTheLimitAndNeverSplitsAnEntry() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            journal.append(records("a", "b", "c"), 1);
            journal.append(records("d"), 2);

            assertEquals(List.of("a", "b", "c"), texts(journal.read(2, 0)));
        }
    }

    @Test
    void readingWaitsForAnAppend() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            Thread appender = new Thread(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                journal.append(records("late"), 1);
            });
            appender.start();

            Journal.Batch batch = journal.read(10, 5000);

            assertEquals(List.of("late"), texts(batch));
            appender.join();
        }
    }

    @Test
    void writtenSegmentsAreDeletedAndOnlyTheActiveOneStays() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 100)) {
            for (int i = 0; i < 10; i++) {
                journal.append(records("record-" + i + "-" + "x".repeat(40)), i);
            }
            assertTrue(segmentFiles().size() > 3, segmentFiles().toString());

            assertEquals(10, drain(journal).size());
            journal.read(1, 0); // passes the last sealed segment

            assertEquals(1, segmentFiles().size());
            assertEquals(Files.size(dir.resolve(segmentFiles().get(0))), journal.bytesOnDisk());
        }
    }

    @Test
    void whatIsNotConfirmedIsReadAgainByTheNextProcess() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            journal.append(records("done"), 1);
            journal.confirm(journal.read(1, 0));
            journal.append(records("pending-1"), 2);
            journal.append(records("pending-2"), 3);
            journal.read(1, 0); // read but never confirmed: the writer died before MongoDB answered
        }

        try (Journal reopened = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            // The whole unconfirmed segment is read again; "done" with it, harmless for an idempotent writer.
            assertEquals(3, reopened.pendingRecords());
            assertEquals(List.of("done", "pending-1", "pending-2"), drain(reopened));
        }
    }

    @Test
    void aCleanCloseAfterEverythingIsConfirmedLeavesNoSegment() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            journal.append(records("a"), 1);
            drain(journal);
        }

        assertEquals(List.of(), segmentFiles());
        try (Journal reopened = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            assertEquals(0, reopened.pendingRecords());
        }
    }

    @Test
    void aTornWriteAtTheEndOfTheLastSegmentIsIgnored() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            journal.append(records("a"), 1);
            journal.append(records("b"), 2);
        }
        Path last = dir.resolve(segmentFiles().get(segmentFiles().size() - 1));
        ByteBuffer torn = Journal.encode(records("never-acknowledged"), 3).limit(30);
        Files.write(last, toArray(torn), StandardOpenOption.APPEND);

        try (Journal reopened = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            assertEquals(2, reopened.pendingRecords());
            assertEquals(List.of("a", "b"), drain(reopened));
        }
    }

    @Test
    void aDamagedSegmentIsWrittenUpToTheDamageAndKept() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 60)) {
            journal.append(records("first-" + "x".repeat(30)), 1);
            journal.append(records("second-" + "x".repeat(30)), 2);
            journal.append(records("third"), 3);
        }
        List<String> segments = segmentFiles();
        assertTrue(segments.size() >= 2, segments.toString());
        Path first = dir.resolve(segments.get(0));
        // Flip a byte inside the payload of the first segment's first entry.
        try (FileChannel channel = FileChannel.open(first, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, Journal.HEADER_BYTES + 6);
            one.flip();
            byte flipped = (byte) (one.get(0) ^ 0x5A);
            channel.write(ByteBuffer.wrap(new byte[] {flipped}), Journal.HEADER_BYTES + 6);
        }

        try (Journal reopened = Journal.open(dir, JournalSync.ON_APPEND, 60)) {
            List<String> read = drain(reopened);
            reopened.read(1, 0);

            assertTrue(read.contains("third"), read.toString());
            assertTrue(!read.contains("first-" + "x".repeat(30)), read.toString());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals(first.getFileName() + ".damaged")));
        }
    }

    @Test
    void anotherProcessCannotOpenTheSameDirectory() {
        try (Journal journal = Journal.open(dir, JournalSync.ON_APPEND, 1 << 20)) {
            PortException e = assertThrows(PortException.class, () -> Journal.open(dir, JournalSync.ON_APPEND, 1 << 20));

            assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        }
    }

    @Test
    void appendsAfterCloseAreRefused() {
        Journal journal = Journal.open(dir, JournalSync.PERIODIC, 1 << 20);
        journal.close();

        assertThrows(PortException.class, () -> journal.append(records("late"), 1));
    }

    @Test
    void periodicSyncKeepsRecordsToo() throws Exception {
        try (Journal journal = Journal.open(dir, JournalSync.PERIODIC, 1 << 20)) {
            journal.append(records("p"), 1);
        }
        try (Journal reopened = Journal.open(dir, JournalSync.PERIODIC, 1 << 20)) {
            Journal.Batch batch = reopened.read(10, 0);
            assertEquals(1, batch.entries().size());
            assertArrayEquals("p".getBytes(UTF_8), batch.entries().get(0).records().get(0));
        }
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
