package io.linia.asterisk.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cuts the AMI byte stream into packets, whatever pieces TCP delivers it in: the banner line
 * first ({@code Asterisk Call Manager/11.0.0}), then packets of {@code Key: value} lines ended by
 * an empty line. Lines end with CRLF (a bare LF is taken too). A line without a colon (the
 * output of the {@code Command} action) is kept under the key {@code Output}.
 */
final class AmiDecoder {

    /** Longest packet accepted: a peer that never ends one is not an AMI server. */
    static final int MAX_PACKET = 1 << 20;

    private final Consumer<String> banner;
    private final Consumer<AmiMessage> packets;
    private final byte[] line = new byte[64 * 1024];
    private int lineLength;
    private boolean bannerSeen;
    private int packetSize;
    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    AmiDecoder(Consumer<String> banner, Consumer<AmiMessage> packets) {
        this.banner = banner;
        this.packets = packets;
    }

    void feed(byte[] bytes, int offset, int length) throws AmiException {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
                String text = new String(line, 0, end, StandardCharsets.UTF_8);
                lineLength = 0;
                line(text);
            } else {
                if (lineLength == line.length) {
                    throw new AmiException(AmiException.Kind.PROTOCOL, "a line of more than 64 KB: not an AMI server");
                }
                line[lineLength++] = b;
            }
        }
    }

    private void line(String text) throws AmiException {
        if (!bannerSeen) {
            bannerSeen = true;
            banner.accept(text);
            return;
        }
        if (text.isEmpty()) {
            if (!fields.isEmpty()) {
                AmiMessage m = AmiMessage.of(fields);
                fields.clear();
                packetSize = 0;
                packets.accept(m);
            }
            return;
        }
        packetSize += text.length();
        if (packetSize > MAX_PACKET) {
            throw new AmiException(AmiException.Kind.PROTOCOL, "a packet of more than 1 MB: not an AMI server");
        }
        int colon = text.indexOf(':');
        if (colon <= 0) {
            fields.add(Map.entry("Output", text));
        } else {
            String value = text.substring(colon + 1);
            fields.add(Map.entry(text.substring(0, colon).trim(), value.startsWith(" ") ? value.substring(1) : value));
        }
    }
}
