package io.linia.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * TEL-3 benchmark (issue 5: 20,000 AMI events per second through the adapter, p99 event-to-state
 * under 50 ms). A fresh node follows this program's AMI server, which replays the real Asterisk
 * 22 session of one answered queue call ({@code fixtures/asterisk/01-basic/ami-raw.txt}: about
 * 160 events, VarSet and Newexten included, as an Asterisk without event filters sends them)
 * over and over for 100 agents, with fresh unique ids and the current time in every
 * {@code Timestamp}, at RATE events per second for SECONDS. A supervisor's WebSocket on
 * {@code on_user_status_changed} measures each agent state change from the event's Timestamp
 * to its frame (TALKING at AgentConnect, FREE at AgentComplete): parse, assembly, publication
 * and fan-out included. The node's own counter of events handled gives the throughput.
 *
 * <p>Usage: {@code AmiIngestBench <baseUrl> <providerPassword> <fixture> [rate] [seconds]}
 */
public final class AmiIngestBench {

    static final int AGENTS = 100;
    private static final Pattern UNIQUE = Pattern.compile("1795332336\\.(\\d+)");
    private static final Pattern TIMESTAMP = Pattern.compile("Timestamp: \\d+\\.\\d+");
    private static final String PLACEHOLDER = "@@@@@@@@@@.@@@@@@";

    public static void main(String[] args) throws Exception {
        BenchHttp api = new BenchHttp(args[0], java.time.Duration.ofMinutes(2));
        List<String> call = callTemplate(Path.of(args[2]));
        String member = memberTemplate(Path.of(args[2]));
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;

        String provider = api.token("provider", "admin", args[1]);
        BenchHttp.Tenant pbx = api.newTenant(provider, "pbx", "Europe/Moscow");
        String admin = pbx.adminToken();
        for (int a = 0; a < AGENTS; a++) {
            api.send("POST", "/api/v1/users", admin, "{\"login\":\"op" + a + "\",\"fullName\":\"Оператор " + a
                    + "\",\"extension\":\"" + (2000 + a) + "\",\"roles\":[\"operator\"]}", 201);
        }

        Histogram delay = new Histogram(60_000, 3);
        AtomicLong frames = new AtomicLong();
        WebSocket ws = subscribe(args[0], admin, delay, frames);

        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            api.send("PUT", "/api/v1/asterisk/settings?verify=false", admin, "{\"mode\":\"AMI\",\"amiHost\":\"127.0.0.1\","
                    + "\"amiPort\":" + server.getLocalPort() + ",\"amiUsername\":\"bench\",\"amiSecret\":\"bench\"}", 200);
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                out.write("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.US_ASCII));
                login(in, out);
                Thread answering = new Thread(() -> answerActions(in, out), "ami-actions");
                answering.setDaemon(true);
                answering.start();

                long sent = 0;
                StringBuilder burst = new StringBuilder();
                for (int a = 0; a < AGENTS; a++) {
                    burst.append(stamp(member.replace("1001", String.valueOf(2000 + a)), System.currentTimeMillis()));
                    sent++;
                }
                write(out, burst);
                Thread.sleep(1000);
                delay.reset();
                long expectedFrames = frames.get();

                // each agent's call, cut at the unique ids, with a placeholder for the time: built fast,
                // stamped with the time of the write itself
                List<List<Object>> perAgent = new ArrayList<>();
                for (int a = 0; a < AGENTS; a++) {
                    StringBuilder text = new StringBuilder();
                    for (String block : call) {
                        text.append(TIMESTAMP.matcher(block.replace("1001", String.valueOf(2000 + a)))
                                .replaceAll("Timestamp: " + PLACEHOLDER));
                    }
                    perAgent.add(cut(text.toString()));
                }
                long start = System.nanoTime();
                long end = start + seconds * 1_000_000_000L;
                long calls = 0;
                long sentAtStart = sent;
                while (System.nanoTime() < end) {
                    // pace: events due by now at RATE per second
                    long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                    while (sent - sentAtStart < due) {
                        for (Object part : perAgent.get((int) (calls % AGENTS))) {
                            if (part instanceof Integer n) {
                                burst.append("1800000000.").append(calls * 4 + n);
                            } else {
                                burst.append((String) part);
                            }
                        }
                        sent += call.size();
                        calls++;
                        expectedFrames += 2;
                    }
                    if (!burst.isEmpty()) {
                        long now = System.currentTimeMillis();
                        String stamped = burst.toString().replace(PLACEHOLDER,
                                now / 1000 + "." + String.format("%03d000", now % 1000));
                        burst.setLength(0);
                        out.write(stamped.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                }
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("sent %,d events (%,d calls) in %.1f s: %,.0f events/s offered%n", sent - sentAtStart,
                        calls, sendSeconds, (sent - sentAtStart) / sendSeconds);

                long handled;
                long waitUntil = System.nanoTime() + 120_000_000_000L;
                while (true) {
                    handled = number(api.send("GET", "/api/v1/asterisk/settings", admin, null, 200), "events");
                    if (handled >= sent || System.nanoTime() > waitUntil) {
                        break;
                    }
                    Thread.sleep(50);
                }
                double all = (System.nanoTime() - start) / 1e9;
                System.out.printf("the node handled %,d of %,d events; the last %.1f s after the first: %,.0f events/s%n",
                        handled, sent, all, (handled - sentAtStart) / all);
                Thread.sleep(3000); // the last frames, and the stores of the last calls
                System.out.printf("agent states seen live on the WebSocket: %,d of %,d expected%n", frames.get(), expectedFrames);
                System.out.printf("event-to-WebSocket state over %,d changes: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                        delay.getTotalCount(), delay.getValueAtPercentile(50), delay.getValueAtPercentile(90),
                        delay.getValueAtPercentile(99), delay.getMaxValue());
                Thread.sleep(5000);
                String settings = api.send("GET", "/api/v1/asterisk/settings", admin, null, 200);
                System.out.printf("calls stored for the reports: %,d of %,d%n", number(settings, "callsStored"), calls);
            }
        } finally {
            ws.abort();
        }
    }

    /** The events of the captured call, in order: no action answers, no member changes. */
    static List<String> callTemplate(Path fixture) throws Exception {
        List<String> out = new ArrayList<>();
        for (String block : blocks(fixture)) {
            if (block.startsWith("Event: ") && !block.contains("\r\nActionID: ") && !block.startsWith("Event: QueueMember")
                    && !block.startsWith("Event: SuccessfulAuth")) {
                out.add(block);
            }
        }
        return out;
    }

    static String memberTemplate(Path fixture) throws Exception {
        return blocks(fixture).stream().filter(b -> b.startsWith("Event: QueueMemberAdded")).findFirst().orElseThrow();
    }

    /** Every packet Asterisk sent in the capture, in AMI wire form (CRLF lines, an empty line after). */
    private static List<String> blocks(Path fixture) throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder b = null;
        for (String line : Files.readAllLines(fixture, StandardCharsets.UTF_8)) {
            if (line.startsWith("### ")) {
                if (b != null && !b.isEmpty()) {
                    blocks.add(b.append("\r\n").toString());
                }
                b = line.startsWith("### <<< RECV") ? new StringBuilder() : null;
            } else if (b != null && !line.isEmpty()) {
                b.append(line).append("\r\n");
            }
        }
        if (b != null && !b.isEmpty()) {
            blocks.add(b.append("\r\n").toString());
        }
        return blocks;
    }

    /** The text cut at the capture's unique ids 1795332336.n: literal parts, and n where an id goes. */
    private static List<Object> cut(String text) {
        List<Object> parts = new ArrayList<>();
        Matcher m = UNIQUE.matcher(text);
        int from = 0;
        while (m.find()) {
            parts.add(text.substring(from, m.start()));
            parts.add(Integer.parseInt(m.group(1)));
            from = m.end();
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static String stamp(String block, long millis) {
        return TIMESTAMP.matcher(block).replaceAll("Timestamp: " + millis / 1000 + "." + String.format("%03d000", millis % 1000));
    }

    private static void write(OutputStream out, StringBuilder burst) throws java.io.IOException {
        if (!burst.isEmpty()) {
            out.write(burst.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            burst.setLength(0);
        }
    }

    private static void login(BufferedReader in, OutputStream out) throws Exception {
        String id = null;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.startsWith("ActionID: ")) {
                id = line.substring(10);
            }
        }
        synchronized (out) {
            out.write(("Response: Success\r\n" + (id == null ? "" : "ActionID: " + id + "\r\n")
                    + "Message: Authentication accepted\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Later actions (none while following) get a plain Success. */
    private static void answerActions(BufferedReader in, OutputStream out) {
        try {
            String id = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("ActionID: ")) {
                    id = line.substring(10);
                } else if (line.isEmpty() && id != null) {
                    synchronized (out) {
                        out.write(("Response: Success\r\nActionID: " + id + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    id = null;
                }
            }
        } catch (java.io.IOException e) {
            // the node went away
        }
    }

    private static WebSocket subscribe(String base, String token, Histogram delay, AtomicLong frames) {
        return StatusFeed.subscribe(base, token, (frame, ms) -> {
            frames.incrementAndGet();
            delay.recordValue(ms);
        });
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
