package io.linia.acd.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The engine reproduces queueing theory (issue 3 "Correctness to prove"): 100 calls per
 * 30 minutes, mean handling 180 s, 14 agents, FIFO, exponential everything.
 */
class ErlangTest {

    static final double LAMBDA = 100.0 / 1800;   // calls per second
    static final double HANDLING = 180;          // seconds
    static final int AGENTS = 14;

    @Test
    void theFormulasGiveTheTextbookFigures() {
        assertThat(Erlang.probabilityOfWaiting(AGENTS, LAMBDA * HANDLING)).isCloseTo(0.1741, within(0.0005));
        assertThat(Erlang.serviceLevel(AGENTS, LAMBDA * HANDLING, HANDLING, 20)).isCloseTo(0.8884, within(0.0005));
        Erlang.Abandonment a = Erlang.withAbandonment(AGENTS, LAMBDA, 1 / HANDLING, 1 / 300.0);
        assertThat(a.probabilityOfWaiting()).isCloseTo(0.1453, within(0.0005));
        assertThat(a.probabilityOfAbandon()).isCloseTo(0.0140, within(0.0005));
    }

    @Test
    void aLongSimulatedRunWithoutAbandonsMatchesErlangC() {
        Figures f = simulate(Double.POSITIVE_INFINITY, 11);
        assertThat(f.abandoned).isZero();
        assertThat(f.waitedShare()).isCloseTo(0.1741, within(0.01));
        assertThat(f.withinShare(20)).isCloseTo(0.8884, within(0.01));
    }

    @Test
    void withExponentialPatienceTheRunMatchesErlangA() {
        Figures f = simulate(300, 12);
        assertThat(f.abandonShare()).isCloseTo(0.0140, within(0.01));
        assertThat(f.waitedShareOfArrivals()).isCloseTo(0.1453, within(0.01));
    }

    static final class Figures {
        long arrived;
        long answered;
        long waited;
        long within20;
        long abandoned;

        double waitedShare() {
            return (double) waited / answered;
        }

        double withinShare(int seconds) {
            return (double) within20 / answered;
        }

        double abandonShare() {
            return (double) abandoned / arrived;
        }

        double waitedShareOfArrivals() {
            return (double) (waited + abandoned) / arrived;
        }
    }

    /** 1,200 virtual hours (~240,000 calls); the first 10 hours are a warm-up and not counted. */
    static Figures simulate(double patienceSeconds, long seed) {
        Simulation sim = new Simulation(seed).handling(HANDLING).patience(patienceSeconds);
        sim.queue(QueueConfig.of("q", Strategy.LONGEST_IDLE).withRing(Duration.ofMinutes(5), false));
        for (int i = 0; i < AGENTS; i++) {
            sim.agent("a" + i, java.util.Map.of(), "q");
        }
        Instant start = sim.now();
        Instant countFrom = start.plus(Duration.ofHours(10));
        Instant end = start.plus(Duration.ofHours(1200));
        Figures f = new Figures();
        java.util.Map<String, Instant> arrivedAt = new java.util.HashMap<>();
        sim.onEvent = e -> {
            if (e instanceof AcdEvent.CallQueued q && q.at().isAfter(countFrom)) {
                f.arrived++;
                arrivedAt.put(q.callId(), q.at());
            } else if (e instanceof AcdEvent.CallConnected c && arrivedAt.remove(c.callId()) != null) {
                f.answered++;
                if (!c.waited().isZero()) {
                    f.waited++;
                }
                if (c.waited().compareTo(Duration.ofSeconds(20)) <= 0) {
                    f.within20++;
                }
            } else if (e instanceof AcdEvent.CallAbandoned a && arrivedAt.remove(a.callId()) != null) {
                f.abandoned++;
            }
        };
        sim.arrivals("q", LAMBDA * 3600, end, () -> 0);
        sim.runUntil(end.plus(Duration.ofHours(2)));
        assertThat(f.arrived).isGreaterThan(200_000);
        assertThat(sim.conservationChecks).isGreaterThan(700_000);
        return f;
    }
}
