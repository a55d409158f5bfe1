package io.linia.asterisk.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDRs a real Asterisk 22 wrote (fixtures/asterisk/&lt;scenario&gt;/cdr-master.csv, cdr_csv with
 * {@code usegmtime}, {@code loguniqueid}, {@code loguserfield}) as rows of FreePBX's cdr table.
 * cdr_csv writes no linkedid; Asterisk gives every channel of a call the first channel's
 * uniqueid as linkedid, and the channels of a call are tied by the two halves of a Local channel
 * ({@code Local/100@from-test-00000000;1} and {@code ;2}) and by dstchannel. So the linkedid
 * is derived that way: the oldest uniqueid of the rows so tied.
 */
final class CdrFixtures {

    /** A cdr_csv row: accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags, uniqueid, userfield. */
    record Csv(List<String> f) {
        String src() { return f.get(1); }
        String dst() { return f.get(2); }
        String dcontext() { return f.get(3); }
        String clid() { return f.get(4); }
        String channel() { return f.get(5); }
        String dstchannel() { return f.get(6); }
        String lastapp() { return f.get(7); }
        String lastdata() { return f.get(8); }
        String start() { return f.get(9); }
        int duration() { return Integer.parseInt(f.get(12)); }
        int billsec() { return Integer.parseInt(f.get(13)); }
        String disposition() { return f.get(14); }
        String uniqueid() { return f.get(16); }
        String userfield() { return f.get(17); }
    }

    private CdrFixtures() {
    }

    static List<Csv> read(String scenario) throws IOException {
        List<Csv> out = new ArrayList<>();
        for (String line : text("/fixtures/asterisk/" + scenario + "/cdr-master.csv").split("\n")) {
            if (!line.isBlank()) {
                out.add(new Csv(parse(line)));
            }
        }
        return out;
    }

    static String text(String resource) throws IOException {
        try (InputStream in = CdrFixtures.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The linkedid of each uniqueid of one scenario's rows. */
    static Map<String, String> linkedIds(List<Csv> rows) {
        Map<String, String> parent = new HashMap<>();
        Map<String, String> byChannel = new HashMap<>();
        for (Csv r : rows) {
            parent.putIfAbsent(r.uniqueid(), r.uniqueid());
        }
        for (Csv r : rows) {
            for (String ch : new String[] {r.channel(), r.dstchannel()}) {
                if (ch.isEmpty()) {
                    continue;
                }
                String pair = ch.startsWith("Local/") ? ch.replaceAll(";[12]$", "") : ch;
                String other = byChannel.putIfAbsent(pair, r.uniqueid());
                if (other != null) {
                    union(parent, other, r.uniqueid());
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        for (String u : parent.keySet()) {
            out.put(u, find(parent, u));
        }
        return out;
    }

    private static String find(Map<String, String> parent, String u) {
        String p = parent.get(u);
        return p.equals(u) ? u : find(parent, p);
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        // the oldest uniqueid (seconds, then sequence) is the root
        if (older(rb, ra)) {
            parent.put(ra, rb);
        } else if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    static boolean older(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
        return c != 0 ? c < 0 : Long.parseLong(x[1]) < Long.parseLong(y[1]);
    }

    /** The rows as CdrRow (UTC times), with derived linkedids. */
    static List<CdrRow> rows(String scenario) throws IOException {
        List<Csv> csv = read(scenario);
        Map<String, String> linked = linkedIds(csv);
        List<CdrRow> out = new ArrayList<>();
        for (Csv r : csv) {
            out.add(new CdrRow(LocalDateTime.parse(r.start().replace(' ', 'T')), r.src(), r.dst(), r.channel(),
                    r.dstchannel(), r.lastapp(), r.disposition(), r.duration(), r.billsec(), r.uniqueid(),
                    linked.get(r.uniqueid())));
        }
        return out;
    }

    private static List<String> parse(String line) {
        List<String> f = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                f.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        f.add(cur.toString());
        return f;
    }
}
