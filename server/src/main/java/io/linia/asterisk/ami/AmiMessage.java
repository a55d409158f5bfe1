package io.linia.asterisk.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One AMI packet: {@code Key: value} lines in order, ended by an empty line. Keys are matched
 * without regard to case (Asterisk is not consistent: {@code ActionID}, {@code ActionId});
 * a key may repeat ({@code Variable}, {@code ChanVariable}).
 */
public final class AmiMessage {

    private final List<Map.Entry<String, String>> fields;

    private AmiMessage(List<Map.Entry<String, String>> fields) {
        this.fields = fields;
    }

    /** An action to send: {@code Action: name} and then {@code key, value} pairs. */
    public static AmiMessage action(String name, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        List<Map.Entry<String, String>> f = new ArrayList<>();
        f.add(Map.entry("Action", name));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                f.add(Map.entry(keyValues[i], keyValues[i + 1]));
            }
        }
        return new AmiMessage(f);
    }

    static AmiMessage of(List<Map.Entry<String, String>> fields) {
        return new AmiMessage(List.copyOf(fields));
    }

    /** The first value of {@code key}, or null. */
    public String get(String key) {
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Every value of {@code key}, in order. */
    public List<String> all(String key) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(key)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    public String event() {
        return get("Event");
    }

    public String actionId() {
        return get("ActionID");
    }

    /** {@code Response: Success} (or Goodbye); Error and anything else is not. */
    public boolean isSuccess() {
        String r = get("Response");
        return r != null && (r.equalsIgnoreCase("Success") || r.equalsIgnoreCase("Goodbye"));
    }

    /** A copy with {@code key} set to {@code value} (replacing every earlier value). */
    public AmiMessage with(String key, String value) {
        List<Map.Entry<String, String>> f = new ArrayList<>();
        boolean placed = false;
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase(key)) {
                if (!placed) {
                    f.add(Map.entry(e.getKey(), value));
                    placed = true;
                }
            } else {
                f.add(e);
            }
        }
        if (!placed) {
            f.add(Map.entry(key, value));
        }
        return new AmiMessage(f);
    }

    public List<Map.Entry<String, String>> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The packet on the wire: CRLF after every line and an empty line at the end. */
    public byte[] encode() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : fields) {
            // a line break inside a value would end the packet early: AMI has no escaping
            b.append(e.getKey()).append(": ").append(e.getValue().replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : fields) {
            String v = e.getKey().toLowerCase(Locale.ROOT).contains("secret") ? "***" : e.getValue();
            b.append(e.getKey()).append(": ").append(v).append("; ");
        }
        return b.toString();
    }
}
