package io.linia.asterisk.queuelog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a file line by line from a byte offset, knowing where each line starts; LF or CRLF
 * ends a line. In {@code follow} mode a last line without its newline is left for the next
 * pass (Asterisk may be writing it).
 */
final class LineReader implements QueueLogImport.Lines {

    private final InputStream in;
    private final boolean follow;
    private byte[] buf = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;
    private long position;
    private long lineOffset;
    private long lineNumber;

    LineReader(InputStream in, long offset, long linesBefore, boolean follow) {
        this.in = in;
        this.position = offset;
        this.lineNumber = linesBefore;
        this.follow = follow;
    }

    /** The next line without its end, or null at the end of the file. */
    @Override
    public String next() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buf[i] == '\n') {
                    int len = i - start;
                    if (len > 0 && buf[i - 1] == '\r') {
                        len--;
                    }
                    String line = new String(buf, start, len, StandardCharsets.UTF_8);
                    lineOffset = position;
                    position += i + 1 - start;
                    start = i + 1;
                    lineNumber++;
                    return line;
                }
            }
            if (eof) {
                if (start == end || follow) {
                    return null;
                }
                String line = new String(buf, start, end - start, StandardCharsets.UTF_8);
                lineOffset = position;
                position += end - start;
                start = end;
                lineNumber++;
                return line;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buf.length) {
            // a line longer than the buffer: grow (a broken file may have no newlines at all)
            if (buf.length >= 64 << 20) {
                throw new IOException("A line of more than 64 MB: not a queue_log");
            }
            byte[] bigger = new byte[buf.length * 2];
            System.arraycopy(buf, 0, bigger, 0, end);
            buf = bigger;
        }
        int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    /** Where the line last returned starts. */
    @Override
    public long lineOffset() {
        return lineOffset;
    }

    /** The number of the line last returned, from 1 at the start of the file. */
    @Override
    public long lineNumber() {
        return lineNumber;
    }

    /** The byte after the line last returned. */
    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
