package io.linia.bench;

import io.linia.acd.engine.AcdEngine;
import io.linia.acd.engine.AcdEvent;
import io.linia.acd.engine.AcdListener;
import io.linia.acd.engine.Command;
import io.linia.acd.engine.QueueConfig;
import io.linia.acd.engine.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ACD engine alone (issue 3 performance): 10,000 agents in 1,000 skills-based queues,
 * each agent in three queues with skills from a set of twenty. One operation is a whole call:
 * it arrives in a random queue (the routing decision), rings the chosen agent, is answered and
 * hung up — three inputs, about eight events and commands. Run on one thread (one core).
 *
 * <pre>java -cp "bench/target/linia-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" org.openjdk.jmh.Main AcdEngineBenchmark</pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class AcdEngineBenchmark {

    static final int AGENTS = 10_000;
    static final int QUEUES = 1_000;
    static final int SKILLS = 20;

    AcdEngine engine;
    SplittableRandom random;
    Instant now;
    long calls;
    long outputs;
    String rung;
    String[] queueIds;

    @Setup(Level.Trial)
    public void setUp() {
        random = new SplittableRandom(7);
        now = Instant.parse("2026-01-05T08:00:00Z");
        engine = new AcdEngine(new AcdListener() {
            @Override
            public void command(Command command) {
                outputs++;
                if (command instanceof Command.RingAgent r) {
                    rung = r.agentId();
                }
            }

            @Override
            public void event(AcdEvent event) {
                outputs++;
            }
        }, 7);
        queueIds = new String[QUEUES];
        for (int q = 0; q < QUEUES; q++) {
            queueIds[q] = "q" + q;
            // each queue needs one skill at level 1..3, so most members qualify
            engine.configureQueue(QueueConfig.of(queueIds[q], Strategy.SKILLS_BASED)
                    .withRequiredSkills(Map.of("s" + (q % SKILLS), 1 + q % 3))
                    .withRing(Duration.ofSeconds(20), false), now);
        }
        for (int a = 0; a < AGENTS; a++) {
            String id = "a" + a;
            Map<String, Integer> skills = new HashMap<>();
            int[] queues = {random.nextInt(QUEUES), random.nextInt(QUEUES), random.nextInt(QUEUES)};
            for (int q : queues) {
                skills.put("s" + (q % SKILLS), 3 + random.nextInt(8));
            }
            engine.defineAgent(id, skills, now);
            for (int q : queues) {
                engine.join(id, queueIds[q], now);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void callThroughput(Blackhole bh) {
        bh.consume(oneCall());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void callLatency(Blackhole bh) {
        bh.consume(oneCall());
    }

    /** Arrive (routing decision), answer, hang up; a call that finds no qualified agent is abandoned at once. */
    private long oneCall() {
        now = now.plusMillis(10);
        String call = "c" + (++calls);
        rung = null;
        engine.callArrived(call, queueIds[random.nextInt(QUEUES)], random.nextInt(10) == 0 ? 5 : 0, now);
        if (rung != null) {
            String agent = rung;
            engine.agentAnswered(agent, call, now);
            engine.agentHungUp(agent, call, now);
        } else {
            engine.callerHungUp(call, now); // nobody qualified is free: the caller leaves
        }
        return outputs;
    }
}
