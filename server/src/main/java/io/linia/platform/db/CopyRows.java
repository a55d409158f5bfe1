package io.linia.platform.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format, built in memory and sent with {@code COPY … FROM
 * STDIN (FORMAT binary)}. Bulk loads (the history import, TEL-4; the customer import, CRM-5) use it instead of the text format: the server
 * takes timestamps, uuids and numbers as they are instead of parsing text, and building the
 * rows costs a fraction of formatting them as text, so it can be done off the storing thread.
 *
 * <p>Each value must have the exact type of its column (int2 for {@code smallint}, int8 for
 * {@code bigint} …), in the column order of the COPY statement. {@link #mark()} gives the
 * position after the rows so far, so a caller can send only some runs of rows ({@link #copy}).
 */
public final class CopyRows {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds of the Unix epoch. */
    private static final long PG_EPOCH = 946_684_800L;

    private byte[] buf;
    private int size;
    private int rows;

    public CopyRows() {
        this(1 << 16);
    }

    public CopyRows(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    /** Starts a row of {@code fields} values. */
    public CopyRows row(int fields) {
        room(2);
        putShort(fields);
        rows++;
        return this;
    }

    public CopyRows uuid(UUID v) {
        if (v == null) {
            return nul();
        }
        room(20);
        putInt(16);
        putLong(v.getMostSignificantBits());
        putLong(v.getLeastSignificantBits());
        return this;
    }

    /** {@code text} or {@code varchar} (its length limit is checked by the server). */
    public CopyRows text(String v) {
        if (v == null) {
            return nul();
        }
        return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code jsonb}: a version byte, then the JSON text. */
    public CopyRows jsonb(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        room(5 + b.length);
        putInt(b.length + 1);
        buf[size++] = 1;
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /** {@code timestamptz}: microseconds since 2000-01-01 UTC (sub-microsecond parts are cut). */
    public CopyRows timestamp(Instant v) {
        if (v == null) {
            return nul();
        }
        room(12);
        putInt(8);
        putLong((v.getEpochSecond() - PG_EPOCH) * 1_000_000L + v.getNano() / 1_000);
        return this;
    }

    /** {@code bigint}. */
    public CopyRows int8(Long v) {
        return v == null ? nul() : int8(v.longValue());
    }

    /** {@code bigint}. */
    public CopyRows int8(long v) {
        room(12);
        putInt(8);
        putLong(v);
        return this;
    }

    /** {@code integer}. */
    public CopyRows int4(int v) {
        room(8);
        putInt(4);
        putInt(v);
        return this;
    }

    /** {@code smallint}. */
    public CopyRows int2(int v) {
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            throw new IllegalArgumentException("not a smallint: " + v);
        }
        room(6);
        putInt(2);
        putShort(v);
        return this;
    }

    public CopyRows nul() {
        room(4);
        putInt(-1);
        return this;
    }

    /** The position after the rows written so far. */
    public int mark() {
        return size;
    }

    public int rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows == 0;
    }

    /**
     * Sends the rows between the positions {@code runs[0]..runs[1]}, {@code runs[2]..runs[3]} …
     * (all rows when {@code runs} is null) to {@code copySql}, a {@code COPY … FROM STDIN (FORMAT
     * binary)} with the columns in the order the rows were written.
     */
    public void copy(Connection connection, String copySql, int[] runs) {
        try {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                in.writeToCopy(HEADER, 0, HEADER.length);
                if (runs == null) {
                    in.writeToCopy(buf, 0, size);
                } else {
                    for (int i = 0; i < runs.length; i += 2) {
                        in.writeToCopy(buf, runs[i], runs[i + 1] - runs[i]);
                    }
                }
                in.writeToCopy(TRAILER, 0, TRAILER.length);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + copySql, e);
        }
    }

    /** {@code bytea}; null is NULL. */
    public CopyRows bytes(byte[] b) {
        if (b == null) {
            return nul();
        }
        room(4 + b.length);
        putInt(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    private void room(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    private void putShort(int v) {
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putInt(int v) {
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
