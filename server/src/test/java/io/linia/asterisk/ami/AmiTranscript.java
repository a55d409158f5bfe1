package io.linia.asterisk.ami;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An AMI session captured from a real Asterisk 22 ({@code fixtures/asterisk/…/ami-raw.txt}):
 * blocks {@code ### >>> SENT +t} (client to Asterisk) and {@code ### <<< RECV +t} (Asterisk to
 * client), each the exact text of one packet (the first RECV is the banner line).
 */
record AmiTranscript(List<Block> blocks) {

    record Block(boolean sent, double at, String text) {

        /** The packet's bytes as Asterisk put them on the wire: CRLF line ends, an empty line after a packet. */
        byte[] wire(boolean banner) {
            String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
            return (banner ? crlf + "\r\n" : crlf + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        }

        String field(String key) {
            for (String line : text.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(key)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    static AmiTranscript load(String scenario, String file) throws IOException {
        String text;
        try (InputStream in = AmiTranscript.class.getResourceAsStream("/fixtures/asterisk/" + scenario + "/" + file)) {
            if (in == null) {
                throw new IOException("no transcript " + scenario + "/" + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Block> blocks = new ArrayList<>();
        Boolean sent = null;
        double at = 0;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.startsWith("### >>> SENT") || l.startsWith("### <<< RECV") || l.startsWith("### <<< BANNER")) {
                if (sent != null) {
                    blocks.add(new Block(sent, at, body.toString().strip()));
                }
                sent = l.startsWith("### >>>");
                at = Double.parseDouble(l.substring(l.indexOf('+') + 1, l.length() - 1));
                body.setLength(0);
            } else if (sent != null) {
                body.append(l).append('\n');
            }
        }
        if (sent != null && !body.toString().isBlank()) {
            blocks.add(new Block(sent, at, body.toString().strip()));
        }
        return new AmiTranscript(blocks);
    }

    /** The actions the client sent, as our client would send them (without the captured ActionID). */
    List<AmiMessage> actions() {
        List<AmiMessage> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b.sent()) {
                List<String> kv = new ArrayList<>();
                String name = null;
                for (String line : b.text().split("\n")) {
                    int colon = line.indexOf(':');
                    String k = line.substring(0, colon).trim();
                    String v = line.substring(colon + 1).trim();
                    if (k.equalsIgnoreCase("Action")) {
                        name = v;
                    } else if (!k.equalsIgnoreCase("ActionID")) {
                        kv.add(k);
                        kv.add(v);
                    }
                }
                out.add(AmiMessage.action(name, kv.toArray(String[]::new)));
            }
        }
        return out;
    }
}
