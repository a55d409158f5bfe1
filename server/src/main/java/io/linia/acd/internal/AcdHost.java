package io.linia.acd.internal;

import io.linia.acd.AgentStatusChanged;
import io.linia.acd.CallChanged;
import io.linia.acd.CallRecord;
import io.linia.acd.QueueView;
import io.linia.acd.engine.AcdEngine;
import io.linia.acd.engine.AcdEvent;
import io.linia.acd.engine.AcdException;
import io.linia.acd.engine.AcdListener;
import io.linia.acd.engine.Command;
import io.linia.acd.engine.Overflow;
import io.linia.acd.engine.QueueConfig;
import io.linia.acd.engine.Strategy;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.linia.platform.ConflictException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.LiniaException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.platform.time.Scheduler;
import io.linia.telephony.HangupSide;
import io.linia.telephony.TelephonyEvents;
import io.linia.telephony.TelephonyPort;
import io.linia.telephony.TelephonyPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One {@link AcdEngine} per tenant, created on first use from the stored queues and
 * memberships. Every input — a switch event, an agent action, a timer, a setting change —
 * runs under the tenant's lock (single writer), in one transaction that stores the events it
 * caused; the switch commands follow in order. Timers are woken through the {@link Scheduler},
 * so virtual time drives them in tests and in the simulator.
 */
@Component
public class AcdHost implements TelephonyEvents {

    private static final Logger log = LoggerFactory.getLogger(AcdHost.class);

    private final QueueRepository queues;
    private final IvrRepository ivrs;
    private final DataDips dataDips;
    private final CallRecorder recorder;
    private final TelephonyPorts ports;
    private final Scheduler scheduler;
    private final UserService users;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher publisher;
    private final Map<TenantId, TenantAcd> tenants = new ConcurrentHashMap<>();

    private final List<io.linia.acd.CallerPriorities> callerPriorities;

    AcdHost(QueueRepository queues, IvrRepository ivrs, DataDips dataDips, CallRecorder recorder, TelephonyPorts ports,
            Scheduler scheduler, UserService users, PlatformTransactionManager transactions,
            ApplicationEventPublisher publisher, List<io.linia.acd.CallerPriorities> callerPriorities) {
        this.callerPriorities = callerPriorities;
        this.dataDips = dataDips;
        this.ivrs = ivrs;
        this.publisher = publisher;
        this.queues = queues;
        this.recorder = recorder;
        this.ports = ports;
        this.scheduler = scheduler;
        this.users = users;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs {@code work} on the tenant's engine as one input; its outputs are stored and carried out. */
    public <T> T ask(TenantId tenant, Function<AcdEngine, T> work) {
        return acd(tenant).input(work);
    }

    /** Runs {@code work} on the tenant's engine as one input; its outputs are stored and carried out. */
    public void input(TenantId tenant, Consumer<AcdEngine> work) {
        acd(tenant).input(engine -> {
            work.accept(engine);
            return null;
        });
    }

    /** Reads the engine under the tenant's lock without storing anything. */
    public <T> T read(TenantId tenant, Function<AcdEngine, T> question) {
        TenantAcd t = acd(tenant);
        synchronized (t) {
            return question.apply(t.engine);
        }
    }

    /** Defines (or refreshes) an agent from the user's current skills. */
    public void defineAgent(AcdEngine engine, TenantId tenant, UUID userId) {
        UserView user = users.get(tenant, userId);
        engine.defineAgent(userId.toString(), user.skills(), at(engine));
    }

    /** The engine's settings for a stored queue. */
    public static QueueConfig config(QueueView q) {
        Overflow overflow = switch (q.overflowKind()) {
            case "QUEUE" -> Overflow.toQueue(q.overflowTarget());
            case "MESSAGE" -> Overflow.message(q.overflowTarget());
            case "VOICEMAIL" -> new Overflow(Overflow.Kind.VOICEMAIL, null);
            case "CALLBACK" -> new Overflow(Overflow.Kind.CALLBACK, null);
            default -> Overflow.NONE;
        };
        return new QueueConfig(q.id().toString(), Strategy.valueOf(q.strategy()), q.requiredSkills(), q.priority(),
                Duration.ofSeconds(q.serviceLevelSeconds()),
                q.maxWaitSeconds() == null ? null : Duration.ofSeconds(q.maxWaitSeconds()), overflow, q.maxLength(),
                Duration.ofSeconds(q.wrapUpSeconds()), Duration.ofSeconds(q.ringTimeoutSeconds()), q.pauseOnNoAnswer(),
                q.overflowWhenNoAgents(), new QueueConfig.Waiting(q.mohClass(), q.announcePosition(),
                        q.announceExpectedWait(), Duration.ofSeconds(q.announceEverySeconds())));
    }

    /** The engine's refusals as API errors: unknown things 404, wrong moments 409, bad values 422. */
    public static LiniaException translate(AcdException e) {
        if (e.code().startsWith("unknown_")) {
            return new NotFoundException(e.getMessage());
        }
        if (e.code().equals("range") || e.code().equals("required") || e.code().startsWith("overflow_")
                || e.code().equals("invalid_number")) {
            return new InvalidInputException(e.code(), e.field(), e.getMessage());
        }
        return new ConflictException(e.code(), e.field(), e.getMessage());
    }

    /** The instant of an input arriving now: the clock's, never before the engine's own time. */
    public Instant at(AcdEngine engine) {
        Instant now = scheduler.now();
        return now.isBefore(engine.now()) ? engine.now() : now;
    }

    // ------------------------------------------------------------------ switch events

    /**
     * The caller's priority from the VIP lists (CRM-4), looked up before the call enters the
     * engine's input; a failing look-up costs the caller its VIP place, never the call.
     */
    private int callerPriority(TenantId tenant, String caller) {
        int best = 0;
        for (io.linia.acd.CallerPriorities p : callerPriorities) {
            try {
                best = Math.max(best, TenantContext.as(tenant, () -> p.priority(tenant, caller)));
            } catch (RuntimeException e) {
                log.warn("Caller priority of a call of tenant {} not known ({}); it queues as the IVR says", tenant,
                        e.toString());
            }
        }
        return best;
    }

    @Override
    public void callOffered(TenantId tenant, String callId, String caller, String dialled) {
        TenantAcd t = acd(tenant);
        int vip = callerPriority(tenant, caller);
        t.input(engine -> {
            Instant now = at(engine);
            recorder.arrived(tenant, callId, caller, dialled, now);
            io.linia.acd.engine.ivr.IvrFlow flow = null;
            try {
                flow = ivrs.flowFor(tenant, dialled).orElse(null);
            } catch (AcdException e) {
                log.error("The IVR on {} of tenant {} is no longer valid ({}); calls go to the queue with that number",
                        dialled, tenant, e.getMessage());
            }
            if (flow != null) {
                IvrRun run = new IvrRun(flow, caller);
                run.callerPriority = vip;
                t.ivr.put(callId, run);
                recorder.ivr(tenant, callId, "ivr_start", Map.of("number", dialled), now);
                t.step(engine, callId, run, () -> run.session.begin(now));
                return null;
            }
            QueueView queue = queues.findByNumber(tenant, dialled).orElse(null);
            if (queue == null) {
                recorder.unrouted(tenant, callId, now);
                t.afterCommit.add(() -> t.port.playAndRelease(callId, "unknown_number"));
                return null;
            }
            engine.callArrived(callId, queue.id().toString(), vip, now);
            String moh = engine.mohClass(callId).orElse(queue.mohClass());
            t.afterCommit.add(() -> t.port.queued(callId, moh));
            return null;
        });
    }

    @Override
    public void answered(TenantId tenant, String callId, String endpoint) {
        TenantAcd t = acd(tenant);
        t.input(engine -> {
            if (engine.dialing(callId)) {
                engine.farEndAnswered(callId, at(engine)); // the number an agent called answered
                return null;
            }
            String agent = t.ringingAgent.get(callId + "|" + endpoint);
            if (agent != null && engine.hasCall(callId)) {
                engine.agentAnswered(agent, callId, at(engine));
                t.afterCommit.add(() -> t.port.bridge(callId, endpoint));
            }
            return null;
        });
    }

    @Override
    public void dtmf(TenantId tenant, String callId, String digits) {
        TenantAcd t = acd(tenant);
        t.input(engine -> {
            IvrRun run = t.ivr.get(callId);
            if (run != null) {
                t.step(engine, callId, run, () -> run.session.digit(digits, scheduler.now()));
            }
            return null;
        });
    }

    @Override
    public void hungUp(TenantId tenant, String callId, HangupSide side, String cause) {
        TenantAcd t = acd(tenant);
        t.input(engine -> {
            IvrRun run = t.ivr.remove(callId);
            if (run != null) {
                recorder.abandonedInIvr(tenant, callId, run.session.path(), scheduler.now());
                return null;
            }
            if (!engine.hasCall(callId)) {
                return null; // already ended here (the platform hung up) or never routed
            }
            String agent = t.connectedAgent.get(callId);
            if (agent == null) {
                agent = engine.placedBy(callId).orElse(null); // an agent's own call: its phone hung up
            }
            if (side == HangupSide.AGENT && agent != null) {
                engine.agentHungUp(agent, callId, at(engine));
            } else {
                engine.callerHungUp(callId, at(engine));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ tenants

    private TenantAcd acd(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, this::load);
    }

    private TenantAcd load(TenantId tenant) {
        TenantAcd t = new TenantAcd(tenant, ports.port(tenant));
        TenantContext.as(tenant, () -> {
            // each input at at(engine): on real time the clock moves while the tenant loads, and an
            // input may never be earlier than the one before it (a restart used to fail here)
            List<QueueView> stored = queues.list(tenant);
            // queues first without overflow (targets must exist), then as stored
            for (QueueView q : stored) {
                QueueConfig c = config(q);
                t.engine.configureQueue(c.withMaxWait(c.maxWait(), Overflow.NONE), at(t.engine));
            }
            for (QueueView q : stored) {
                t.engine.configureQueue(config(q), at(t.engine));
            }
            for (UUID[] m : queues.memberships(tenant)) {
                String agent = m[1].toString();
                if (!t.engine.hasAgent(agent)) {
                    defineAgent(t.engine, tenant, m[1]);
                }
                t.engine.join(agent, m[0].toString(), at(t.engine));
            }
        });
        t.pending.clear(); // restoring the stored state is not news
        t.commands.clear();
        return t;
    }

    /** A caller in the IVR: the walker and a counter that tells a stale menu time-out from a live one. */
    private static final class IvrRun {
        final io.linia.acd.engine.ivr.IvrFlow flow;
        final String caller;
        io.linia.acd.engine.ivr.IvrSession session;
        int asked;
        /** The caller's VIP priority (CRM-4): the call enters its queue with at least this. */
        int callerPriority;

        IvrRun(io.linia.acd.engine.ivr.IvrFlow flow, String caller) {
            this.flow = flow;
            this.caller = caller;
            this.session = io.linia.acd.engine.ivr.IvrSession.of(flow, caller);
        }
    }

    /** A tenant's engine with its lock, its pending outputs and its wake-up timer. */
    private final class TenantAcd implements AcdListener {
        final TenantId tenant;
        final TelephonyPort port;
        final AcdEngine engine;
        final List<AcdEvent> pending = new ArrayList<>();
        final List<Command> commands = new ArrayList<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        final Map<String, String> ringingAgent = new HashMap<>();
        final Map<String, String> connectedAgent = new HashMap<>();
        final Map<String, String> endpoints = new HashMap<>();
        final Map<String, IvrRun> ivr = new HashMap<>();
        /** Each call's state as the engine last reported it (for {@code call_action}). */
        final Map<String, String> liveState = new HashMap<>();
        Scheduler.Task wakeUp;
        Instant wakeAt;

        TenantAcd(TenantId tenant, TelephonyPort port) {
            this.tenant = tenant;
            this.port = port;
            this.engine = new AcdEngine(this, tenant.value().getLeastSignificantBits());
        }

        @Override
        public void command(Command command) {
            commands.add(command);
        }

        @Override
        public void event(AcdEvent event) {
            pending.add(event);
            String call = callOf(event);
            if (call != null) {
                String state = liveStateAfter(event);
                if (state == null) {
                    liveState.remove(call);
                } else {
                    liveState.put(call, state);
                }
            }
            if (event instanceof AcdEvent.CallConnected c) {
                connectedAgent.put(c.callId(), c.agentId());
            } else if (event instanceof AcdEvent.CallCompleted c) {
                connectedAgent.remove(c.callId());
            } else if (event instanceof AcdEvent.CallTransferred c) {
                connectedAgent.remove(c.callId());
            } else if (event instanceof AcdEvent.ConsultEnded c && c.toAgentId() != null) {
                connectedAgent.put(c.callId(), c.toAgentId()); // attended transfer: the consulted agent has it
            } else if (event instanceof AcdEvent.ConsultEnded c && c.toNumber() != null) {
                connectedAgent.remove(c.callId());
            }
        }

        synchronized <T> T input(Function<AcdEngine, T> work) {
            pending.clear();
            commands.clear();
            afterCommit.clear();
            try {
                List<Object> news = new ArrayList<>();
                T result = TenantContext.as(tenant, () -> transaction.execute(tx -> {
                    T r = work.apply(engine);
                    java.util.Map<String, java.util.Set<UUID>> touched = new java.util.LinkedHashMap<>();
                    for (AcdEvent e : pending) {
                        recorder.record(tenant, e);
                        if (e instanceof AcdEvent.AgentStateChanged s) {
                            news.add(new AgentStatusChanged(tenant, UUID.fromString(s.agentId()),
                                    AgentStatusChanged.statusOf(s.to().name()), s.to().name(), s.reason(), s.at()));
                        }
                        String call = callOf(e);
                        if (call != null) {
                            java.util.Set<UUID> agents = touched.computeIfAbsent(call, k -> new java.util.LinkedHashSet<>());
                            String agent = agentOf(e);
                            if (agent != null) {
                                agents.add(UUID.fromString(agent));
                            }
                        }
                    }
                    touched.forEach((call, agents) -> recorder.find(tenant, call).ifPresent(record -> {
                        if (record.agentId() != null) {
                            agents.add(record.agentId());
                        }
                        if (record.fromAgentId() != null) {
                            agents.add(record.fromAgentId()); // the agent who placed it hears of it too
                        }
                        news.add(new CallChanged(tenant, withState(record), java.util.Set.copyOf(agents)));
                    }));
                    return r;
                }));
                for (Command c : commands) {
                    carryOut(c);
                }
                afterCommit.forEach(Runnable::run);
                news.forEach(publisher::publishEvent);
                return result;
            } catch (AcdException e) {
                throw translate(e);
            } finally {
                pending.clear();
                commands.clear();
                afterCommit.clear();
                rescheduleWakeUp();
            }
        }

        private void carryOut(Command c) {
            try {
                if (c instanceof Command.RingAgent r) {
                    String endpoint = endpoint(r.agentId());
                    ringingAgent.put(r.callId() + "|" + endpoint, r.agentId());
                    port.ringAgent(r.callId(), endpoint);
                } else if (c instanceof Command.StopRinging s) {
                    String endpoint = endpoint(s.agentId());
                    ringingAgent.remove(s.callId() + "|" + endpoint);
                    port.stopRinging(s.callId(), endpoint);
                } else if (c instanceof Command.CallBack b) {
                    String endpoint = endpoint(b.agentId());
                    ringingAgent.put(b.callId() + "|" + endpoint, b.agentId());
                    port.callBack(b.callId(), endpoint);
                } else if (c instanceof Command.SendToVoicemail v) {
                    port.voicemail(v.callId(), v.queueId());
                } else if (c instanceof Command.PlayMessageAndRelease m) {
                    port.playAndRelease(m.callId(), m.message());
                } else if (c instanceof Command.Reject r) {
                    port.playAndRelease(r.callId(), r.reason());
                } else if (c instanceof Command.ReleaseForCallback f) {
                    port.releaseForCallback(f.callId());
                } else if (c instanceof Command.Dial d) {
                    port.dialOut(d.callId(), endpoint(d.agentId()), d.number());
                } else if (c instanceof Command.PlaceInternal p) {
                    port.placeInternal(p.callId(), endpoint(p.agentId()));
                } else if (c instanceof Command.TransferOut o) {
                    port.transferOut(o.callId(), o.number());
                } else if (c instanceof Command.Connect j) {
                    port.connect(j.callId(), j.consultCallId());
                } else if (c instanceof Command.Hold h) {
                    port.hold(h.callId(), h.on());
                } else if (c instanceof Command.HangUp h) {
                    port.hangup(h.callId());
                } else if (c instanceof Command.Announce a) {
                    port.announce(a.callId(), a.position(), a.expectedWaitMinutes());
                }
            } catch (RuntimeException e) {
                log.error("Switch command {} of tenant {} failed: {}", c, tenant, e.getMessage());
            }
        }

        /**
         * Takes an IVR step and carries it out: ask (play, collect, time-out), enter a queue, or
         * release. A step that fails starts the caller again at the head of the flow (ACD-8:
         * never dropped).
         */
        void step(AcdEngine engine, String callId, IvrRun run, java.util.function.Supplier<io.linia.acd.engine.ivr.IvrSession.Step> next) {
            io.linia.acd.engine.ivr.IvrSession.Step step;
            try {
                step = next.get();
            } catch (RuntimeException e) {
                log.warn("IVR step of call {} failed ({}); starting again from the top", callId, e.getMessage());
                run.session = io.linia.acd.engine.ivr.IvrSession.of(run.flow, run.caller);
                step = run.session.begin(scheduler.now());
            }
            Instant now = scheduler.now();
            if (step instanceof io.linia.acd.engine.ivr.IvrSession.Step.Ask ask) {
                int asked = ++run.asked;
                afterCommit.add(() -> port.playAndCollect(callId, ask.prompt()));
                scheduler.schedule(now.plusSeconds(ask.timeoutSeconds()), () -> {
                    try {
                        input(e -> {
                            IvrRun current = ivr.get(callId);
                            if (current == run && run.asked == asked) {
                                step(e, callId, run, () -> run.session.timeout(scheduler.now()));
                            }
                            return null;
                        });
                    } catch (RuntimeException ex) {
                        log.error("IVR time-out of call {} failed: {}", callId, ex.getMessage());
                    }
                });
            } else if (step instanceof io.linia.acd.engine.ivr.IvrSession.Step.Fetch fetch) {
                int asked = ++run.asked;
                afterCommit.add(() -> dataDips.fetch(fetch.url(), run.caller, callId, fetch.timeoutMs(), fetch.field(), value -> {
                    try {
                        input(e -> {
                            if (ivr.get(callId) == run && run.asked == asked) {
                                step(e, callId, run, () -> value.isPresent()
                                        ? run.session.fetched(value.get().orElse(null), scheduler.now())
                                        : run.session.fetchFailed(scheduler.now()));
                            }
                            return null;
                        });
                    } catch (RuntimeException ex) {
                        log.error("Data dip of call {} could not continue: {}", callId, ex.getMessage());
                    }
                }));
            } else if (step instanceof io.linia.acd.engine.ivr.IvrSession.Step.Queue q) {
                ivr.remove(callId);
                Map<String, Object> data = new java.util.LinkedHashMap<>();
                data.put("path", run.session.path());
                data.put("topic", q.topic());
                recorder.ivr(tenant, callId, "ivr_end", data, now);
                engine.callArrived(callId, q.queueId(), Math.max(q.priority(), run.callerPriority), now);
                String moh = engine.mohClass(callId).orElse("default");
                afterCommit.add(() -> port.queued(callId, moh));
            } else if (step instanceof io.linia.acd.engine.ivr.IvrSession.Step.Release r) {
                ivr.remove(callId);
                recorder.ivr(tenant, callId, "ivr_release", Map.of("path", run.session.path(), "prompt", r.prompt()), now);
                afterCommit.add(() -> port.playAndRelease(callId, r.prompt()));
            }
        }

        /** The call's live state: the engine's view while it is in the ACD, the outcome after. */
        private CallRecord withState(CallRecord r) {
            String state = r.endedAt() != null ? "ended" : liveState.getOrDefault(r.id(), "waiting");
            return new CallRecord(r.id(), r.direction(), r.caller(), r.dialled(), r.queueId(), r.agentId(), state,
                    r.arrivedAt(), r.connectedAt(), r.endedAt(), r.waitMs(), r.talkMs(), r.outcome(), r.endedBy(),
                    r.fromAgentId(), r.parentCallId());
        }

        String endpoint(String agentId) {
            return endpoints.computeIfAbsent(agentId, id -> TenantContext.as(tenant, () -> {
                String ext = users.get(tenant, UUID.fromString(id)).extension();
                return ext != null ? ext : id;
            }));
        }

        private void rescheduleWakeUp() {
            Instant due = engine.nextDeadline().orElse(null);
            if (due == null || due.equals(wakeAt)) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel();
            }
            wakeAt = due;
            wakeUp = scheduler.schedule(due, () -> {
                synchronized (this) {
                    wakeAt = null;
                    wakeUp = null;
                }
                try {
                    input(e -> {
                        e.advanceTo(at(e));
                        return null;
                    });
                } catch (RuntimeException ex) {
                    log.error("ACD timers of tenant {} failed: {}", tenant, ex.getMessage());
                }
            });
        }
    }

    private static String callOf(AcdEvent e) {
        return e instanceof AcdEvent.CallEvent c ? c.callId() : null;
    }

    /** The call's state after the event; {@code null} once it has left the ACD. */
    private static String liveStateAfter(AcdEvent e) {
        if (e instanceof AcdEvent.CallDialled d) {
            return "number".equals(d.kind()) ? "dialing" : "queue".equals(d.kind()) ? "waiting" : "ringing";
        } else if (e instanceof AcdEvent.OutboundConnected) {
            return "connected";
        } else if (e instanceof AcdEvent.OutboundNotAnswered) {
            return null;
        } else if (e instanceof AcdEvent.ConsultStarted) {
            return "consulting";
        } else if (e instanceof AcdEvent.ConsultEnded c) {
            return !"complete".equals(c.reason()) ? "held" : c.toAgentId() != null ? "connected" : null;
        } else if (e instanceof AcdEvent.CallTransferred t && "number".equals(t.toKind())) {
            return null;
        } else if (e instanceof AcdEvent.CallOffered) {
            return "ringing";
        } else if (e instanceof AcdEvent.CallConnected || e instanceof AcdEvent.CallResumed) {
            return "connected";
        } else if (e instanceof AcdEvent.CallHeld) {
            return "held";
        } else if (e instanceof AcdEvent.CallbackRequested) {
            return "callback";
        } else if (e instanceof AcdEvent.CallCompleted || e instanceof AcdEvent.CallAbandoned) {
            return null;
        } else if (e instanceof AcdEvent.CallOverflowed o && o.overflow().kind() != Overflow.Kind.QUEUE
                && o.overflow().kind() != Overflow.Kind.CALLBACK) {
            return null;
        }
        return "waiting"; // queued, rang out, transferred, timed out into another queue
    }

    private static String agentOf(AcdEvent e) {
        return e instanceof AcdEvent.CallEvent c ? c.agentId() : null;
    }

    /** Defines the user as an agent of the tenant's engine if it is not one yet (an agent who dials before logging in). */
    public void ensureAgent(AcdEngine engine, TenantId tenant, UUID userId) {
        if (!engine.hasAgent(userId.toString())) {
            defineAgent(engine, tenant, userId);
        }
    }

    /** The endpoint of an agent the host has met (for the agent API's bridge/hang-up commands). */
    public String endpointOf(TenantId tenant, String agentId) {
        TenantAcd t = acd(tenant);
        synchronized (t) {
            return t.endpoint(agentId);
        }
    }

    public TelephonyPort port(TenantId tenant) {
        return acd(tenant).port;
    }
}
