package dev.recsys.index.users;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * One shopper's newest record as bytes, in a buffer that the shopper's later records overwrite, with
 * the two fields that order the shopper's records ({@link
 * dev.recsys.ranker.records.UserVectors#supersedes}).
 *
 * <p>A shopper's records stay about the same size (same dimensions, a recent list that stops
 * growing), so after the first few the buffer is written in place: the store keeps one long-lived
 * array per shopper instead of a new one per record, which the garbage collector would promote
 * and then have to reclaim from the old generation a few seconds later.
 *
 * <p>Writers must not run concurrently for one slot (the store writes a shopper's slot only inside
 * its map's {@code compute} for that shopper); readers may run at any time and get a consistent
 * copy: an optimistic read that is retried under the read lock when a write overlapped it.
 */
final class RecordSlot {
    private final StampedLock lock = new StampedLock();
    private long erasedUpTo;
    private long version;
    private byte[] buffer;
    private int length;

    RecordSlot(long erasedUpTo, long version, byte[] record) {
        this.buffer = new byte[withSlack(record.length)];
        write(erasedUpTo, version, record);
    }

    /** The {@code erasedUpTo} of the record held; for writers, which are serialised per slot. */
    long erasedUpTo() {
        return erasedUpTo;
    }

    /** The version of the record held; for writers, which are serialised per slot. */
    long version() {
        return version;
    }

    /** Holds {@code record} instead of the current one, in the same buffer if it fits. */
    void replace(long newErasedUpTo, long newVersion, byte[] record) {
        long stamp = lock.writeLock();
        try {
            if (record.length > buffer.length) {
                buffer = new byte[withSlack(record.length)];
            }
            write(newErasedUpTo, newVersion, record);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** A copy of the record held, never one half written. */
    byte[] copy() {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            byte[] held = buffer;
            int size = length;
            // A racing write may pair a new length with the old buffer; validate() then fails.
            byte[] copy = size <= held.length ? Arrays.copyOf(held, size) : null;
            if (copy != null && lock.validate(stamp)) {
                return copy;
            }
        }
        stamp = lock.readLock();
        try {
            return Arrays.copyOf(buffer, length);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private void write(long newErasedUpTo, long newVersion, byte[] record) {
        System.arraycopy(record, 0, buffer, 0, record.length);
        length = record.length;
        erasedUpTo = newErasedUpTo;
        version = newVersion;
    }

    /** Room for the record and for later ones a little longer (more digits, longer item ids). */
    private static int withSlack(int size) {
        return size + Math.max(64, size / 8);
    }
}
