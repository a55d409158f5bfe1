package io.linia.acd.engine.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linia.acd.engine.AcdException;
import io.linia.acd.engine.ivr.IvrSession.Step;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ACD-8: building a valid flow, refusing a broken one, and walking callers through it. */
class IvrTest {

    static final Set<String> QUEUES = Set.of("sales", "support", "vip");
    // Monday 2026-03-02 10:00 Moscow = 07:00Z; Saturday 2026-03-07
    static final Instant MONDAY_MORNING = Instant.parse("2026-03-02T07:00:00Z");
    static final Instant MONDAY_NIGHT = Instant.parse("2026-03-02T20:00:00Z");
    static final Instant WOMENS_DAY = Instant.parse("2026-03-09T07:00:00Z");

    static List<Node> nodes() {
        List<Node> n = new ArrayList<>();
        n.add(new Node.CallerCheck("start", Set.of("+74950000001"), "to-vip", "hours"));
        n.add(new Node.ToQueue("to-vip", "vip", 10, "vip"));
        Map<DayOfWeek, List<Node.Hours>> week = Map.of(
                DayOfWeek.MONDAY, List.of(new Node.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0))),
                DayOfWeek.TUESDAY, List.of(new Node.Hours(LocalTime.of(9, 0), LocalTime.of(18, 0))));
        n.add(new Node.Schedule("hours", "Europe/Moscow", week, Set.of(LocalDate.of(2026, 3, 9)), "main", "closed"));
        n.add(new Node.Menu("main", "welcome", Map.of("1", "to-sales", "2", "to-support", "0", "main"), 5, 2, "to-support"));
        n.add(new Node.ToQueue("to-sales", "sales", 0, "purchase"));
        n.add(new Node.ToQueue("to-support", "support", 0, "help"));
        n.add(new Node.Message("closed", "closed_now"));
        return n;
    }

    static IvrFlow flow() {
        return IvrFlow.of("start", nodes(), QUEUES::contains);
    }

    @Test
    void aCallerPressesAKeyAndEntersTheChosenQueueWithItsTopic() {
        IvrSession s = IvrSession.of(flow(), "+74951234567");
        Step first = s.begin(MONDAY_MORNING);
        assertThat(first).isEqualTo(new Step.Ask("main", "welcome", 5));
        assertThat(s.digit("1", MONDAY_MORNING)).isEqualTo(new Step.Queue("to-sales", "sales", 0, "purchase"));
        assertThat(s.path()).containsExactly("start", "hours", "main", "main:1", "to-sales");
    }

    @Test
    void wrongKeysAndSilenceRepeatTheMenuThenGoToItsFailureTarget() {
        IvrSession s = IvrSession.of(flow(), null);
        s.begin(MONDAY_MORNING);
        assertThat(s.digit("7", MONDAY_MORNING)).isInstanceOf(Step.Ask.class);
        assertThat(s.timeout(MONDAY_MORNING)).isInstanceOf(Step.Ask.class);
        assertThat(s.timeout(MONDAY_MORNING)).isEqualTo(new Step.Queue("to-support", "support", 0, "help"));
        // once in a queue, keys are no longer the IVR's
        assertThatThrownBy(() -> s.digit("0", MONDAY_MORNING)).extracting("code").isEqualTo("invalid_state");
    }

    @Test
    void vipsSkipTheMenuAndNightsAndHolidaysAreClosed() {
        assertThat(IvrSession.of(flow(), "+74950000001").begin(MONDAY_NIGHT))
                .isEqualTo(new Step.Queue("to-vip", "vip", 10, "vip"));
        assertThat(IvrSession.of(flow(), "+7000").begin(MONDAY_NIGHT)).isEqualTo(new Step.Release("closed", "closed_now"));
        assertThat(IvrSession.of(flow(), "+7000").begin(WOMENS_DAY)).isEqualTo(new Step.Release("closed", "closed_now"));
    }

    @Test
    void aDataDipRoutesByTheAnswerAndFallsBackOnError() {
        List<Node> n = List.of(
                new Node.DataDip("crm", "https://crm.example/segment", 2000, "segment", Map.of("gold", "to-vip"),
                        "to-sales", "to-support"),
                new Node.ToQueue("to-vip", "vip", 10, "vip"),
                new Node.ToQueue("to-sales", "sales", 0, null),
                new Node.ToQueue("to-support", "support", 0, null));
        IvrFlow flow = IvrFlow.of("crm", n, QUEUES::contains);
        IvrSession gold = IvrSession.of(flow, "+7");
        assertThat(gold.begin(MONDAY_MORNING)).isEqualTo(new Step.Fetch("crm", "https://crm.example/segment", 2000, "segment"));
        assertThat(gold.fetched("gold", MONDAY_MORNING)).isEqualTo(new Step.Queue("to-vip", "vip", 10, "vip"));
        IvrSession plain = IvrSession.of(flow, "+7");
        plain.begin(MONDAY_MORNING);
        assertThat(plain.fetched(null, MONDAY_MORNING)).isEqualTo(new Step.Queue("to-sales", "sales", 0, null));
        IvrSession failed = IvrSession.of(flow, "+7");
        failed.begin(MONDAY_MORNING);
        assertThat(failed.fetchFailed(MONDAY_MORNING)).isEqualTo(new Step.Queue("to-support", "support", 0, null));
        assertThat(failed.path()).containsExactly("crm", "crm:error", "to-support");

        assertThatThrownBy(() -> IvrFlow.of("crm", List.of(
                new Node.DataDip("crm", "ftp://x", 2000, "s", Map.of(), "q", "q"), new Node.ToQueue("q", "vip", 0, null)),
                QUEUES::contains)).extracting("field").isEqualTo("nodes.crm.url");
    }

    @Test
    void brokenFlowsAreRefusedWithTheReason() {
        List<Node> dangling = nodes();
        dangling.set(3, new Node.Menu("main", "welcome", Map.of("1", "nowhere"), 5, 2, "to-support"));
        assertThatThrownBy(() -> IvrFlow.of("start", dangling, QUEUES::contains)).isInstanceOf(AcdException.class)
                .satisfies(e -> {
                    assertThat(((AcdException) e).code()).isEqualTo("dangling_target");
                    assertThat(((AcdException) e).field()).isEqualTo("nodes.main.options.1");
                });

        List<Node> orphan = nodes();
        orphan.add(new Node.Message("forgotten", "bye"));
        assertThatThrownBy(() -> IvrFlow.of("start", orphan, QUEUES::contains))
                .extracting("code", "field").containsExactly("unreachable_node", "nodes.forgotten");

        List<Node> loop = new ArrayList<>(List.of(
                new Node.Menu("a", "p", Map.of("1", "b"), 5, 1, "b"),
                new Node.Menu("b", "p", Map.of("1", "a"), 5, 1, "a")));
        assertThatThrownBy(() -> IvrFlow.of("a", loop, QUEUES::contains)).extracting("code").isEqualTo("no_way_out");

        List<Node> unknownQueue = nodes();
        unknownQueue.set(4, new Node.ToQueue("to-sales", "marketing", 0, null));
        assertThatThrownBy(() -> IvrFlow.of("start", unknownQueue, QUEUES::contains))
                .extracting("code", "field").containsExactly("unknown_queue", "nodes.to-sales.queueId");

        List<Node> badTimeout = nodes();
        badTimeout.set(3, new Node.Menu("main", "welcome", Map.of("1", "to-sales"), 0, 2, "to-support"));
        assertThatThrownBy(() -> IvrFlow.of("start", badTimeout, QUEUES::contains))
                .extracting("field").isEqualTo("nodes.main.timeoutSeconds");
    }
}
