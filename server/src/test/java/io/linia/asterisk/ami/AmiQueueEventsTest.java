package io.linia.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.acd.CallHistory;
import io.linia.asterisk.queuelog.QueueLogAssembler;
import io.linia.asterisk.queuelog.QueueLogLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TEL-3 against TEL-4: what a real Asterisk 22 sent over AMI during each captured scenario,
 * followed live, gives the same calls, legs and agent states as the queue_log it wrote for
 * that scenario (times to the second: queue_log has no finer ones).
 */
class AmiQueueEventsTest {

    static final UUID SUPPORT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    static final QueueLogAssembler.Names NAMES = new QueueLogAssembler.Names() {
        @Override
        public UUID queue(String name) {
            return name.equals("support") ? SUPPORT : null;
        }

        @Override
        public QueueLogAssembler.Agent agent(String name) {
            String n = QueueLogAssembler.number(name);
            return n == null ? null : new QueueLogAssembler.Agent(UUID.nameUUIDFromBytes(n.getBytes()), n);
        }
    };

    @ParameterizedTest
    @ValueSource(strings = {"01-basic", "02-hold-ring", "03-caller-hangup", "04-abandon", "05-ring-no-answer", "06-pause",
            "07-sip-agent"})
    void amiEventsGiveWhatTheQueueLogGives(String scenario) throws Exception {
        QueueLogAssembler fromAmi = new QueueLogAssembler(NAMES, 0, Map.of());
        AmiQueueEvents translator = new AmiQueueEvents();
        int events = 0;
        for (AmiMessage m : events(AmiTranscript.load(scenario, "ami-raw.txt"))) {
            for (QueueLogLine l : translator.translate(m, Instant.EPOCH)) {
                fromAmi.accept(l);
            }
            events++;
        }
        assertThat(events).isGreaterThan(5);
        fromAmi.flush(null, true);

        QueueLogAssembler fromLog = new QueueLogAssembler(NAMES, 0, Map.of());
        String log = text("/fixtures/asterisk/" + scenario + "/queue_log.txt");
        long n = 0;
        for (String line : log.split("\n")) {
            if (!line.isBlank()) {
                n++;
                fromLog.accept(QueueLogLine.parse(line, n, n));
            }
        }
        fromLog.flush(null, true);

        List<Instant> amiTimes = new ArrayList<>();
        List<Instant> logTimes = new ArrayList<>();
        List<String> expected = calls(fromLog.drainCalls(), logTimes);
        assertThat(calls(fromAmi.drainCalls(), amiTimes)).isEqualTo(expected);
        assertThat(states(fromAmi.drainIntervals(), amiTimes)).isEqualTo(states(fromLog.drainIntervals(), logTimes));
        // Asterisk stamps a queue_log line and its AMI event separately: the second may tick in between
        assertThat(amiTimes).hasSameSizeAs(logTimes);
        for (int i = 0; i < amiTimes.size(); i++) {
            if (logTimes.get(i) == null) {
                assertThat(amiTimes.get(i)).isNull();
            } else {
                assertThat(java.time.Duration.between(logTimes.get(i), amiTimes.get(i)).abs())
                        .as("time %d: %s vs %s", i, logTimes.get(i), amiTimes.get(i))
                        .isLessThanOrEqualTo(java.time.Duration.ofSeconds(1));
            }
        }
        if (!scenario.equals("06-pause")) {
            assertThat(expected).hasSize(1);
        }
    }

    /** The events of a capture as our decoder reads them off the wire. */
    static List<AmiMessage> events(AmiTranscript t) throws AmiException {
        List<AmiMessage> out = new ArrayList<>();
        AmiDecoder decoder = new AmiDecoder(b -> { }, m -> {
            if (m.event() != null) {
                out.add(m);
            }
        });
        boolean first = true;
        for (AmiTranscript.Block b : t.blocks()) {
            if (!b.sent()) {
                byte[] wire = b.wire(first);
                decoder.feed(wire, 0, wire.length);
                first = false;
            }
        }
        return out;
    }

    /** Everything but the times, which go to {@code times} in order. */
    private static List<String> calls(List<CallHistory.Call> calls, List<Instant> times) {
        List<CallHistory.Call> sorted = new ArrayList<>(calls);
        sorted.sort(java.util.Comparator.comparing(CallHistory.Call::id));
        List<String> out = new ArrayList<>();
        for (CallHistory.Call c : sorted) {
            StringBuilder b = new StringBuilder(c.id() + " caller=" + c.caller() + " " + c.outcome() + "/" + c.endedBy());
            times.add(s(c.arrivedAt()));
            times.add(s(c.endedAt()));
            for (CallHistory.Leg l : c.legs()) {
                b.append(" | leg ").append(l.queueId()).append(" pos=")
                        .append(l.position()).append(" agent=").append(l.agentNumber()).append(" wait=").append(l.waitMs())
                        .append(" talk=").append(l.talkMs()).append(' ').append(l.outcome()).append('/')
                        .append(l.endedBy()).append(" rna=").append(l.ringNoAnswer());
                times.add(s(l.enteredAt()));
                times.add(s(l.connectedAt()));
                times.add(s(l.endedAt()));
            }
            b.append(" | events");
            for (CallHistory.Event e : c.events()) {
                b.append(' ').append(e.type()).append(new java.util.TreeMap<>(e.data()));
                times.add(s(e.at()));
            }
            out.add(b.toString());
        }
        return out;
    }

    private static List<String> states(List<CallHistory.StateInterval> states, List<Instant> times) {
        List<CallHistory.StateInterval> sorted = new ArrayList<>(states);
        sorted.sort(java.util.Comparator.comparing(CallHistory.StateInterval::endedAt));
        List<String> out = new ArrayList<>();
        for (CallHistory.StateInterval i : sorted) {
            out.add(i.userId() + " " + i.state() + " " + i.reason());
            times.add(s(i.startedAt()));
            times.add(s(i.endedAt()));
        }
        return out;
    }

    private static Instant s(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.SECONDS);
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = AmiQueueEventsTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
