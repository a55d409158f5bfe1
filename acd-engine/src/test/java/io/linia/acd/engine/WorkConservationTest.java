package io.linia.acd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Under every strategy no agent is free while a call it could take waits (checked by the
 * simulation after each step), with agents in two queues, skills, VIPs and impatient callers;
 * longest-idle and round-robin share the calls fairly over a long run.
 */
class WorkConservationTest {

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void noAgentIdlesWhileACallItCouldTakeWaits(Strategy strategy) {
        Simulation sim = new Simulation(strategy.ordinal() + 100).handling(150).patience(240);
        sim.queue(QueueConfig.of("sales", strategy).withRing(Duration.ofMinutes(5), false));
        sim.queue(QueueConfig.of("support", strategy).withRequiredSkills(Map.of("tech", 3)).withPriority(5)
                .withRing(Duration.ofMinutes(5), false));
        for (int i = 0; i < 8; i++) {
            Map<String, Integer> skills = i % 2 == 0 ? Map.of("tech", 2 + i) : Map.of();
            sim.agent("a" + i, skills, i < 6 ? new String[] {"sales", "support"} : new String[] {"sales"});
        }
        Map<String, Integer> answered = new HashMap<>();
        sim.onEvent = e -> {
            if (e instanceof AcdEvent.CallConnected c) {
                answered.merge(c.agentId(), 1, Integer::sum);
            }
        };
        Instant end = sim.now().plus(Duration.ofHours(50));
        java.util.SplittableRandom vip = new java.util.SplittableRandom(1);
        sim.arrivals("sales", 80, end, () -> vip.nextInt(10) == 0 ? 5 : 0);
        sim.arrivals("support", 60, end, () -> 0);
        sim.runUntil(end.plus(Duration.ofHours(1)));

        assertThat(sim.conservationChecks).isGreaterThan(20_000);
        int total = answered.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).isGreaterThan(5_000);
        if (strategy == Strategy.LONGEST_IDLE || strategy == Strategy.ROUND_ROBIN) {
            // the six agents in both queues with the tech skill level ≥ 3 (a2, a4) take support calls
            // too; among agents of the same membership and skills the share is even
            assertThat(answered.get("a6")).isCloseTo(answered.get("a7"), org.assertj.core.data.Percentage.withPercentage(10));
            assertThat(answered.get("a1")).isCloseTo(answered.get("a3"), org.assertj.core.data.Percentage.withPercentage(10));
        }
    }

    /** Agents who dial out are busy: never offered a queue call meanwhile, and nobody free idles (WS-3). */
    @ParameterizedTest
    @EnumSource(value = Strategy.class, names = {"LONGEST_IDLE", "RING_ALL", "SKILLS_BASED"})
    void agentsOnTheirOwnOutboundCallsAreBusyAndTheRestStillTakeEveryCall(Strategy strategy) {
        Simulation sim = new Simulation(strategy.ordinal() + 300).handling(150).patience(240);
        sim.queue(QueueConfig.of("sales", strategy).withRing(Duration.ofMinutes(5), false)
                .withWrapUp(Duration.ofSeconds(20)));
        for (int i = 0; i < 6; i++) {
            sim.agent("a" + i, Map.of("tech", 1 + i), "sales");
        }
        Instant end = sim.now().plus(Duration.ofHours(20));
        sim.arrivals("sales", 70, end, () -> 0);
        sim.outbound(40, end);
        sim.runUntil(end.plus(Duration.ofHours(1)));
        assertThat(sim.dialled).isGreaterThan(300);
        assertThat(sim.conservationChecks).isGreaterThan(5_000);
    }
}
