package io.linia.customers.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format for the CSV import (CRM-5), sent with {@code COPY …
 * FROM STDIN (FORMAT binary)}. The same technique as the ACD's history import (acd's
 * {@code CopyRows}, which is internal to that module, so this module has its own few lines):
 * the server takes uuids and timestamps as they are, without parsing text. Each value must have
 * the exact type of its column, in the column order of the COPY statement.
 */
final class BinaryCopy {

    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final long PG_EPOCH = 946_684_800L;

    private byte[] buf = new byte[1 << 16];
    private int size;
    private int rows;

    BinaryCopy row(int fields) {
        room(2);
        putShort(fields);
        rows++;
        return this;
    }

    BinaryCopy uuid(UUID v) {
        if (v == null) {
            return nul();
        }
        room(20);
        putInt(16);
        putLong(v.getMostSignificantBits());
        putLong(v.getLeastSignificantBits());
        return this;
    }

    BinaryCopy text(String v) {
        return v == null ? nul() : bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    BinaryCopy bytes(byte[] b) {
        if (b == null) {
            return nul();
        }
        room(4 + b.length);
        putInt(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    BinaryCopy timestamp(Instant v) {
        room(12);
        putInt(8);
        putLong((v.getEpochSecond() - PG_EPOCH) * 1_000_000L + v.getNano() / 1_000);
        return this;
    }

    BinaryCopy int2(int v) {
        room(6);
        putInt(2);
        putShort(v);
        return this;
    }

    BinaryCopy nul() {
        room(4);
        putInt(-1);
        return this;
    }

    int rows() {
        return rows;
    }

    void copy(Connection connection, String copySql) {
        try {
            CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
            try {
                in.writeToCopy(HEADER, 0, HEADER.length);
                in.writeToCopy(buf, 0, size);
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
