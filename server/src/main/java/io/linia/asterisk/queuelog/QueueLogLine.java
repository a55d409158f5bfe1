package io.linia.asterisk.queuelog;

import java.time.Instant;

/**
 * One line of an Asterisk queue_log: {@code epoch|callid|queue|agent|verb|data1|data2|…}
 * (file format, Asterisk 1.8 to 22). {@code number} counts lines from 1 in the file, {@code offset}
 * is the byte where the line starts.
 */
public record QueueLogLine(long number, long offset, Instant at, String callId, String queue, String agent, String verb,
                    String[] data) {

    /** A line that is not a queue_log line; the import reports it and goes on. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final long LATEST = 4_102_444_800L; // 2100-01-01

    public static QueueLogLine parse(String text, long number, long offset) throws Malformed {
        String[] f = split(text);
        if (f.length < 5) {
            throw new Malformed("expected at least 5 fields separated by |, found " + f.length);
        }
        Instant at = time(f[0]);
        if (f[4].isEmpty()) {
            throw new Malformed("the event (5th field) is empty");
        }
        String[] data = new String[f.length - 5];
        System.arraycopy(f, 5, data, 0, data.length);
        return new QueueLogLine(number, offset, at, f[1], f[2], f[3], f[4], data);
    }

    /** The data field {@code i} (from 1, as Asterisk's data1…data5), or "" when the line has fewer. */
    String data(int i) {
        return i <= data.length ? data[i - 1] : "";
    }

    /** Data field {@code i} as a whole number, or {@code fallback} when it is absent or not a number. */
    long number(int i, long fallback) {
        String s = data(i);
        if (s.isEmpty() || s.length() > 18) {
            return fallback;
        }
        long v = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return fallback;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant time(String s) throws Malformed {
        int dot = s.indexOf('.');
        String seconds = dot < 0 ? s : s.substring(0, dot);
        if (seconds.isEmpty() || seconds.length() > 11) {
            throw new Malformed("the time (1st field) is not a Unix time: '" + abbreviate(s) + "'");
        }
        long epoch = 0;
        for (int k = 0; k < seconds.length(); k++) {
            char c = seconds.charAt(k);
            if (c < '0' || c > '9') {
                throw new Malformed("the time (1st field) is not a Unix time: '" + abbreviate(s) + "'");
            }
            epoch = epoch * 10 + (c - '0');
        }
        if (epoch > LATEST) {
            throw new Malformed("the time (1st field) is after 2100: " + epoch);
        }
        long millis = 0;
        if (dot >= 0) {
            String fraction = (s.substring(dot + 1) + "000").substring(0, 3);
            for (int k = 0; k < 3; k++) {
                char c = fraction.charAt(k);
                if (c < '0' || c > '9') {
                    throw new Malformed("the time (1st field) is not a Unix time: '" + abbreviate(s) + "'");
                }
                millis = millis * 10 + (c - '0');
            }
        }
        return Instant.ofEpochSecond(epoch, millis * 1_000_000);
    }

    private static String[] split(String text) {
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '|') {
                n++;
            }
        }
        String[] f = new String[n];
        int from = 0;
        for (int k = 0; k < n; k++) {
            int to = k == n - 1 ? text.length() : text.indexOf('|', from);
            f[k] = text.substring(from, to);
            from = to + 1;
        }
        return f;
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
