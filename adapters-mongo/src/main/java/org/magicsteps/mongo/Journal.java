package org.magicsteps.mongo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.magicsteps.core.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write-ahead journal of opaque records on local disk: the queue between {@code append} and the
 * thread that writes to MongoDB. Every append is written here before it returns, so that no record
 * depends on MongoDB being up, or on our process staying alive, to be kept; the reading thread
 * confirms what MongoDB has acknowledged, and files whose every record is confirmed are deleted.
 * What is unconfirmed when the process stops (or dies) is read again by the next process.
 *
 * <p>Files are segments named {@code predictions-<sequence>.journal}. Each append is one entry:
 * <pre>
 *   int magic | int crc32c (of the rest) | int payload length | int record count | long appended-at ms
 *   payload: per record, int length | bytes
 * </pre>
 * A segment is forced to disk before the next one is started, so only the last segment of a
 * process can end in a torn write (an append that never returned); bad bytes anywhere else are
 * damage, and such a segment is kept, renamed {@code .damaged}, once its good entries are written.
 *
 * <p>One process at a time: a lock file guards the directory. Appends may come from any thread;
 * {@link #read} and {@link #confirm} from one reading thread only.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private static final int MAGIC = 0x4D534A31; // "MSJ1"
    static final int HEADER_BYTES = 24;
    private static final String PREFIX = "predictions-";
    private static final String SUFFIX = ".journal";
    private static final String LOCK_FILE = "journal.lock";
    private static final long PERIODIC_SYNC_MILLIS = 100;

    private final Path dir;
    private final JournalSync sync;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ScheduledExecutorService periodicSync;

    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition appended = appendLock.newCondition();
    /** Oldest first; the last one is {@link #active}. Guarded by {@link #appendLock}. */
    private final Deque<Segment> segments = new ArrayDeque<>();
    private Segment active;
    /** Bytes appended by this process, for group commit. Guarded by {@link #appendLock}. */
    private long writtenTotal;
    private boolean closedForAppends;
    private boolean closed;
    private boolean readingStopped;

    private final Object syncMonitor = new Object();
    private long syncedTotal;

    private final AtomicLong pendingRecords = new AtomicLong();
    private final AtomicLong bytesOnDisk = new AtomicLong();

    /** The reading thread's position. */
    private Segment reading;
    private long readOffset;

    /** One append, as read back. */
    record Entry(long appendedAtMillis, List<byte[]> records) {
    }

    /** Entries read from one segment, to be confirmed together. */
    record Batch(Segment segment, long end, List<Entry> entries) {
        static final Batch EMPTY = new Batch(null, 0, List.of());

        boolean isEmpty() {
            return entries.isEmpty();
        }

        int recordCount() {
            return entries.stream().mapToInt(e -> e.records().size()).sum();
        }
    }

    private Journal(Path dir, JournalSync sync, long segmentBytes, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.sync = sync;
        this.segmentBytes = segmentBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.periodicSync = sync == JournalSync.PERIODIC ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "prediction-journal-sync");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Opens the journal in {@code dir}, creating it if needed, and finds what earlier processes left
     * unconfirmed: it is read first.
     *
     * @param segmentBytes a segment is closed and a new one started once it holds this many bytes
     * @throws PortException when the directory cannot be used or another process holds it
     */
    static Journal open(Path dir, JournalSync sync, long segmentBytes) {
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new PortException("the prediction journal " + dir + " is in use by another process;"
                        + " give each server its own data directory");
            }
            Journal journal = new Journal(dir, sync, segmentBytes, lockChannel, lock);
            journal.recover();
            journal.startPeriodicSync();
            return journal;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new PortException("cannot open the prediction journal " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    Path directory() {
        return dir;
    }

    /** Records appended (or left by an earlier process) and not yet confirmed. */
    long pendingRecords() {
        return pendingRecords.get();
    }

    /** The size of the journal's segment files. */
    long bytesOnDisk() {
        return bytesOnDisk.get();
    }

    /**
     * Appends one entry; once this returns, the records survive a crash of the process (and, with
     * {@link JournalSync#ON_APPEND}, of the machine).
     *
     * @throws PortException when they could not be written, or the journal is closed
     */
    void append(List<byte[]> records, long appendedAtMillis) {
        ByteBuffer frame = encode(records, appendedAtMillis);
        int length = frame.remaining();
        long target;
        appendLock.lock();
        try {
            if (closedForAppends) {
                throw new PortException("the prediction journal " + dir + " is closed");
            }
            if (active.size >= segmentBytes) {
                rotate();
            }
            long at = active.size;
            try {
                writeFully(active.channel, frame, at);
            } catch (IOException e) {
                truncateQuietly(active, at);
                throw e;
            }
            active.size = at + length;
            writtenTotal += length;
            target = writtenTotal;
            pendingRecords.addAndGet(records.size());
            bytesOnDisk.addAndGet(length);
            appended.signalAll();
        } catch (IOException e) {
            throw new PortException("cannot write the prediction journal " + dir + ": " + e.getMessage(), e);
        } finally {
            appendLock.unlock();
        }
        if (sync == JournalSync.ON_APPEND) {
            syncUpTo(target);
        }
    }

    /**
     * The next entries after the reading position, all from one segment: whole entries until they
     * hold {@code maxRecords} records or none is left (so at least one); empty when nothing arrives
     * within {@code waitMillis} or the journal is closed. Advances the reading position: the caller
     * must write what it got, and {@link #confirm} it, before reading again.
     */
    Batch read(int maxRecords, long waitMillis) throws InterruptedException, IOException {
        Segment segment;
        long end;
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        appendLock.lock();
        try {
            while (true) {
                if (closed || readingStopped) {
                    return Batch.EMPTY;
                }
                if (reading == null) {
                    reading = segments.peekFirst();
                    readOffset = 0;
                }
                if (readOffset < reading.size) {
                    break;
                }
                if (reading != active) {
                    if (reading.confirmed < reading.size) {
                        throw new IllegalStateException("read again before confirming what was read");
                    }
                    // Read to its end and every entry confirmed: nothing in it is needed any more.
                    retire(reading);
                    reading = null;
                    continue;
                }
                if (waitNanos <= 0) {
                    return Batch.EMPTY;
                }
                waitNanos = appended.awaitNanos(waitNanos);
            }
            segment = reading;
            end = reading.size;
        } finally {
            appendLock.unlock();
        }
        List<Entry> entries = new ArrayList<>();
        int records = 0;
        long position = readOffset;
        while (position < end && records < maxRecords) {
            ByteBuffer header = readFully(segment.channel, HEADER_BYTES, position);
            int payloadLength = header.getInt(8);
            ByteBuffer payload = readFully(segment.channel, payloadLength, position + HEADER_BYTES);
            Entry entry = decode(header, payload);
            entries.add(entry);
            records += entry.records().size();
            position += HEADER_BYTES + payloadLength;
        }
        readOffset = position;
        return new Batch(segment, position, entries);
    }

    /** Marks a batch from {@link #read} as written, so that its segment can go once all of it is. */
    void confirm(Batch batch) {
        if (batch.isEmpty()) {
            return;
        }
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            batch.segment().confirmed = batch.end();
            pendingRecords.addAndGet(-batch.recordCount());
        } finally {
            appendLock.unlock();
        }
    }

    /** Makes {@link #read} return at once, and from now on, with nothing: the reading thread is stopping. */
    void stopReading() {
        appendLock.lock();
        try {
            readingStopped = true;
            appended.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /** Refuses further appends; reading and confirming go on. */
    void closeForAppends() {
        appendLock.lock();
        try {
            closedForAppends = true;
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Closes the journal: forces what was written, deletes the segments whose every entry was
     * confirmed and keeps the others for the next process. Appends, reads and confirms after this
     * do nothing (appends fail).
     */
    @Override
    public void close() {
        if (periodicSync != null) {
            periodicSync.shutdownNow();
        }
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closedForAppends = true;
            closed = true;
            appended.signalAll();
            int kept = 0;
            for (Segment segment : List.copyOf(segments)) {
                if (segment.confirmed >= segment.size && !segment.damaged) {
                    retire(segment);
                } else {
                    kept++;
                    try {
                        segment.channel.truncate(segment.size);
                        segment.channel.force(false);
                    } catch (IOException e) {
                        LOG.warn("could not force journal segment {}: {}", segment.path, e.getMessage());
                    }
                    closeQuietly(segment.channel);
                }
            }
            segments.clear();
            if (kept > 0) {
                LOG.info("prediction journal {}: {} records wait in {} segment(s) for the next start", dir,
                        pendingRecords.get(), kept);
            }
        } finally {
            appendLock.unlock();
            try {
                lock.release();
            } catch (IOException e) {
                LOG.warn("could not release the journal lock {}: {}", dir, e.getMessage());
            }
            closeQuietly(lockChannel);
        }
    }

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().startsWith(PREFIX)
                    && p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        long lastSequence = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            Segment segment = new Segment(file, sequenceOf(file), FileChannel.open(file, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
            scan(segment, i == files.size() - 1);
            segments.addLast(segment);
            bytesOnDisk.addAndGet(segment.channel.size());
            lastSequence = Math.max(lastSequence, segment.sequence);
        }
        if (pendingRecords.get() > 0) {
            LOG.info("prediction journal {}: {} records left by an earlier run will be written", dir,
                    pendingRecords.get());
        }
        active = createSegment(lastSequence + 1);
        segments.addLast(active);
    }

    /** Finds where the good entries of a segment end and counts their records. */
    private void scan(Segment segment, boolean lastOfItsRun) throws IOException {
        long fileSize = segment.channel.size();
        long position = 0;
        String problem = null;
        while (position < fileSize) {
            if (fileSize - position < HEADER_BYTES) {
                problem = "a partial entry header";
                break;
            }
            ByteBuffer header = readFully(segment.channel, HEADER_BYTES, position);
            int payloadLength = header.getInt(8);
            if (header.getInt(0) != MAGIC || payloadLength < 0 || position + HEADER_BYTES + payloadLength > fileSize) {
                problem = "an entry header that is cut or not one";
                break;
            }
            ByteBuffer payload = readFully(segment.channel, payloadLength, position + HEADER_BYTES);
            if (crc(header, payload) != header.getInt(4)) {
                problem = "an entry whose checksum does not match";
                break;
            }
            pendingRecords.addAndGet(header.getInt(12));
            position += HEADER_BYTES + payloadLength;
        }
        segment.size = position;
        if (problem != null) {
            long bad = fileSize - position;
            if (lastOfItsRun) {
                // The last write of a process that died while writing: its append never returned.
                LOG.warn("prediction journal {}: ignoring {} bytes of an unfinished write ({}) at its end",
                        segment.path, bad, problem);
                segment.channel.truncate(position);
            } else {
                segment.damaged = true;
                LOG.error("prediction journal {}: {} bytes after offset {} are damaged ({}); the entries before"
                        + " them will be written, and the file kept as {}.damaged", segment.path, bad, position,
                        problem, segment.path.getFileName());
            }
        }
    }

    private Segment createSegment(long sequence) throws IOException {
        Path file = dir.resolve(String.format("%s%012d%s", PREFIX, sequence, SUFFIX));
        Segment segment = new Segment(file, sequence, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE));
        syncDirectory();
        return segment;
    }

    /** Seals the active segment, forced to disk, and starts the next. Holds {@link #appendLock}. */
    private void rotate() throws IOException {
        active.channel.force(false);
        Segment next = createSegment(active.sequence + 1);
        segments.addLast(next);
        active = next;
    }

    /** Deletes (or, when damaged, renames) a segment whose entries are all written. Holds {@link #appendLock}. */
    private void retire(Segment segment) {
        segments.remove(segment);
        closeQuietly(segment.channel);
        try {
            long size = Files.size(segment.path);
            if (segment.damaged) {
                Files.move(segment.path, segment.path.resolveSibling(segment.path.getFileName() + ".damaged"),
                        StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(segment.path);
            }
            bytesOnDisk.addAndGet(-size);
        } catch (IOException e) {
            // Left behind, it is read again at the next start; its records are already in MongoDB.
            LOG.warn("could not remove the written journal segment {}: {}", segment.path, e.getMessage());
        }
    }

    /** Group commit: whoever gets here first forces everything written so far, for all waiting. */
    private void syncUpTo(long target) {
        synchronized (syncMonitor) {
            if (syncedTotal >= target) {
                return;
            }
            long upTo;
            Segment segment;
            appendLock.lock();
            try {
                upTo = writtenTotal;
                segment = active;
            } finally {
                appendLock.unlock();
            }
            try {
                // Earlier segments were forced when they were sealed.
                segment.channel.force(false);
            } catch (ClosedChannelException e) {
                // Sealed and retired, or the journal closed: both force before closing.
            } catch (IOException e) {
                throw new PortException("cannot force the prediction journal " + dir + " to disk: " + e.getMessage(), e);
            }
            syncedTotal = upTo;
        }
    }

    private void startPeriodicSync() {
        if (periodicSync != null) {
            periodicSync.scheduleWithFixedDelay(() -> {
                long target;
                appendLock.lock();
                try {
                    target = writtenTotal;
                } finally {
                    appendLock.unlock();
                }
                try {
                    syncUpTo(target);
                } catch (PortException e) {
                    LOG.warn("{}", e.getMessage());
                }
            }, PERIODIC_SYNC_MILLIS, PERIODIC_SYNC_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void syncDirectory() {
        // Makes a new segment's name durable; not possible on every platform, and harmless to skip there.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("cannot force directory {}: {}", dir, e.getMessage());
        }
    }

    static ByteBuffer encode(List<byte[]> records, long appendedAtMillis) {
        int payloadLength = 0;
        for (byte[] record : records) {
            payloadLength += 4 + record.length;
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payloadLength);
        frame.putInt(MAGIC).putInt(0).putInt(payloadLength).putInt(records.size()).putLong(appendedAtMillis);
        for (byte[] record : records) {
            frame.putInt(record.length).put(record);
        }
        frame.flip();
        ByteBuffer header = frame.duplicate().limit(HEADER_BYTES);
        ByteBuffer payload = frame.duplicate().position(HEADER_BYTES);
        frame.putInt(4, crc(header, payload));
        return frame;
    }

    private static Entry decode(ByteBuffer header, ByteBuffer payload) throws IOException {
        if (header.getInt(0) != MAGIC || crc(header, payload) != header.getInt(4)) {
            // Only possible if the file changed under us after it was written and checked.
            throw new IOException("journal entry changed on disk after it was written");
        }
        int count = header.getInt(12);
        List<byte[]> records = new ArrayList<>(count);
        ByteBuffer in = payload.duplicate();
        for (int i = 0; i < count; i++) {
            byte[] record = new byte[in.getInt()];
            in.get(record);
            records.add(record);
        }
        return new Entry(header.getLong(16), records);
    }

    /** CRC-32C of the header after its checksum field, and of the payload. */
    private static int crc(ByteBuffer header, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().position(8).limit(HEADER_BYTES));
        crc.update(payload.duplicate());
        return (int) crc.getValue();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, int length, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("journal segment ends before offset " + (position + length));
            }
            at += read;
        }
        return buffer.flip();
    }

    private static long sequenceOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void truncateQuietly(Segment segment, long size) {
        try {
            segment.channel.truncate(size);
        } catch (IOException e) {
            // The bytes past size are overwritten by the next append, or cut at the next start.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to do with it
            }
        }
    }

    /** One file of the journal. */
    static final class Segment {
        final Path path;
        final long sequence;
        final FileChannel channel;
        /** Where its good entries end; grows while it is active. */
        volatile long size;
        /** Where its confirmed entries end. */
        volatile long confirmed;
        boolean damaged;

        Segment(Path path, long sequence, FileChannel channel) {
            this.path = path;
            this.sequence = sequence;
            this.channel = channel;
        }
    }
}
