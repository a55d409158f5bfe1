package io.linia.acd.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A discrete-event simulation around the engine, for tests: Poisson arrivals into queues,
 * exponential handling, optional exponential patience, agents who answer at once. The
 * engine's own timers are interleaved by {@link AcdEngine#nextDeadline()}. Deterministic for
 * a seed. It also checks work conservation after every step.
 */
final class Simulation implements AcdListener {

    final AcdEngine engine;
    private final SplittableRandom random;
    private final PriorityQueue<Step> steps = new PriorityQueue<>();
    private long seq;
    private Instant now = Instant.parse("2026-01-05T08:00:00Z");
    private final Map<String, String> callQueue = new HashMap<>();
    private final Set<String> connected = new HashSet<>();
    /** Agents on their own outbound call (dialling or talking on it): never offered a queue call. */
    private final Set<String> busyOwn = new HashSet<>();
    private final Map<String, List<String>> agentQueues = new HashMap<>();
    private final Map<String, Map<String, Integer>> queueSkills = new HashMap<>();
    private final Map<String, Map<String, Integer>> agentSkills = new HashMap<>();
    private double meanHandlingSeconds = 180;
    private double meanPatienceSeconds = Double.POSITIVE_INFINITY;
    private int callCounter;
    Consumer<AcdEvent> onEvent = e -> { };
    long conservationChecks;

    Simulation(long seed) {
        this.random = new SplittableRandom(seed);
        this.engine = new AcdEngine(this, seed);
    }

    private record Step(Instant at, long seq, Runnable action) implements Comparable<Step> {
        @Override
        public int compareTo(Step o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    Simulation handling(double meanSeconds) {
        this.meanHandlingSeconds = meanSeconds;
        return this;
    }

    Simulation patience(double meanSeconds) {
        this.meanPatienceSeconds = meanSeconds;
        return this;
    }

    void queue(QueueConfig config) {
        engine.configureQueue(config, now);
        queueSkills.put(config.id(), config.requiredSkills());
    }

    void agent(String id, Map<String, Integer> skills, String... queues) {
        engine.defineAgent(id, skills, now);
        agentSkills.put(id, skills);
        agentQueues.put(id, List.of(queues));
        for (String q : queues) {
            engine.join(id, q, now);
        }
    }

    /** Poisson arrivals into {@code queueId} at {@code perHour}, with priority chosen by {@code priority}. */
    void arrivals(String queueId, double perHour, Instant until, java.util.function.IntSupplier priority) {
        double meanGap = 3600.0 / perHour;
        schedule(now.plus(seconds(exp(meanGap))), new Runnable() {
            @Override
            public void run() {
                if (now.isAfter(until)) {
                    return;
                }
                String id = "c" + (++callCounter);
                callQueue.put(id, queueId);
                engine.callArrived(id, queueId, priority.getAsInt(), now);
                if (Double.isFinite(meanPatienceSeconds)) {
                    schedule(now.plus(seconds(exp(meanPatienceSeconds))), () -> {
                        if (engine.hasCall(id) && !connected.contains(id)) {
                            engine.callerHungUp(id, now);
                        }
                    });
                }
                schedule(now.plus(seconds(exp(meanGap))), this);
            }
        });
    }

    /**
     * Agents' own outbound calls (WS-3): at Poisson instants a random agent who may dial (free,
     * paused or in wrap-up) calls out; the far end answers after 5 s and the talk is exponential.
     */
    void outbound(double perHour, Instant until) {
        double meanGap = 3600.0 / perHour;
        List<String> agents = agentQueues.keySet().stream().sorted().toList();
        schedule(now.plus(seconds(exp(meanGap))), new Runnable() {
            @Override
            public void run() {
                if (now.isAfter(until)) {
                    return;
                }
                String agent = agents.get((int) (random.nextDouble() * agents.size()));
                AgentState state = engine.agentState(agent);
                if (state == AgentState.FREE || state == AgentState.WRAP_UP || state == AgentState.PAUSED) {
                    engine.dial(agent, "o" + (++callCounter), "74951234567", now);
                    dialled++;
                }
                schedule(now.plus(seconds(exp(meanGap))), this);
            }
        });
    }

    long dialled;

    void runUntil(Instant end) {
        while (true) {
            Instant engineDue = engine.nextDeadline().orElse(null);
            Step next = steps.peek();
            Instant stepDue = next == null ? null : next.at;
            Instant due = engineDue == null ? stepDue : stepDue == null ? engineDue
                    : engineDue.isBefore(stepDue) ? engineDue : stepDue;
            if (due == null || due.isAfter(end)) {
                break;
            }
            now = due;
            if (engineDue != null && !engineDue.isAfter(due) && (stepDue == null || engineDue.isBefore(stepDue))) {
                engine.advanceTo(now);
            } else {
                steps.poll().action.run();
            }
            checkConservation();
        }
        now = end;
        engine.advanceTo(end);
    }

    Instant now() {
        return now;
    }

    @Override
    public void command(Command command) {
        if (command instanceof Command.Dial dial) {
            schedule(now.plusSeconds(5), () -> {
                if (engine.dialing(dial.callId())) {
                    engine.farEndAnswered(dial.callId(), now);
                }
            });
        }
        if (command instanceof Command.RingAgent ring) {
            // agents answer at once
            schedule(now, () -> {
                if (engine.hasCall(ring.callId()) && engine.agentState(ring.agentId()) == AgentState.RINGING) {
                    engine.agentAnswered(ring.agentId(), ring.callId(), now);
                }
            });
        }
    }

    @Override
    public void event(AcdEvent event) {
        onEvent.accept(event);
        if (event instanceof AcdEvent.CallConnected c) {
            connected.add(c.callId());
            schedule(now.plus(seconds(exp(meanHandlingSeconds))), () -> engine.agentHungUp(c.agentId(), c.callId(), now));
        }
        if (event instanceof AcdEvent.CallCompleted c) {
            connected.remove(c.callId());
        }
        if (event instanceof AcdEvent.OutboundConnected o) {
            schedule(now.plus(seconds(exp(meanHandlingSeconds))), () -> engine.agentHungUp(o.agentId(), o.callId(), now));
        }
        if (event instanceof AcdEvent.CallOffered o && busyOwn.contains(o.agentId())) {
            throw new AssertionError("agent " + o.agentId() + " was offered " + o.callId() + " while on its own call");
        }
        if (event instanceof AcdEvent.AgentStateChanged st) {
            if (st.to() == AgentState.DIALING) {
                busyOwn.add(st.agentId());
            } else if (st.to() != AgentState.TALKING) {
                busyOwn.remove(st.agentId());
            }
        }
    }

    /** No agent is free while a call it could take is waiting (ACD work conservation). */
    private void checkConservation() {
        conservationChecks++;
        for (Map.Entry<String, List<String>> e : agentQueues.entrySet()) {
            if (engine.agentState(e.getKey()) != AgentState.FREE) {
                continue;
            }
            for (String q : e.getValue()) {
                if (!engine.members(q).contains(e.getKey()) || !qualifies(e.getKey(), q)) {
                    continue;
                }
                List<String> unattended = engine.unattended(q);
                if (!unattended.isEmpty()) {
                    throw new AssertionError("agent " + e.getKey() + " is free while " + unattended.get(0)
                            + " waits in " + q + " at " + now);
                }
            }
        }
    }

    private boolean qualifies(String agent, String queue) {
        Map<String, Integer> need = queueSkills.getOrDefault(queue, Map.of());
        Map<String, Integer> has = agentSkills.getOrDefault(agent, Map.of());
        return need.entrySet().stream().allMatch(n -> has.getOrDefault(n.getKey(), 0) >= n.getValue());
    }

    private void schedule(Instant at, Runnable action) {
        steps.add(new Step(at, ++seq, action));
    }

    private double exp(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }
}
