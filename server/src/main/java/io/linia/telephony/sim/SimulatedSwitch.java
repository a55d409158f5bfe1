package io.linia.telephony.sim;

import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.InvalidInputException;
import io.linia.platform.time.Scheduler;
import io.linia.telephony.HangupSide;
import io.linia.telephony.TelephonyEvents;
import io.linia.telephony.TelephonyPort;
import io.linia.telephony.TelephonyPorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The simulated switch (TEL-5) behind the telephony port: virtual callers placed through the
 * sim API, and agents' phones. Everything it reports goes through the {@link Scheduler}, so
 * on virtual time a run is deterministic and no command re-enters the caller.
 */
@Component
public class SimulatedSwitch implements TelephonyPorts {

    private static final Logger log = LoggerFactory.getLogger(SimulatedSwitch.class);

    /**
     * What the simulated switch knows of a call. {@code direction}: {@code inbound} (a virtual
     * caller), {@code outbound} (an agent's phone calls a number) or {@code internal} (an agent's
     * phone calls into the platform: a consultation); {@code from} is the placing phone. States:
     * offered, ivr, ringing, connected, held, {@code dialing} (a number rings out), {@code external}
     * (the caller was sent to a number outside). {@code mohClass}: the music-on-hold class the
     * caller heard last while waiting in a queue ({@code null} before it waited); {@code
     * announcements}: what it was told while waiting (ACD-1), oldest first.
     */
    public record SimCall(String id, String caller, String dialled, String state, String endpoint,
                          java.util.Set<String> ringingAt, String direction, String from, List<SimMonitor> monitors,
                          String mohClass, List<SimAnnouncement> announcements) {
    }

    /** One announcement to a waiting caller (ACD-1): the place in line and/or the expected wait in minutes. */
    public record SimAnnouncement(java.time.Instant at, Integer position, Integer expectedWaitMinutes) {
    }

    /**
     * A supervisor's phone on a call (ACD-11): {@code state} is {@code ringing} until the phone
     * answers (a second later) and {@code joined} after; {@code mode} LISTEN, WHISPER or BARGE.
     */
    public record SimMonitor(String endpoint, io.linia.telephony.MonitorMode mode, String state) {
    }

    /** A number an agent dials answers this long after the dial (virtual time: deterministic). */
    public static final Duration ANSWER_DELAY = Duration.ofSeconds(3);

    /**
     * Calls to one number: Poisson arrivals, exponential patience ({@code null}: callers never give up).
     * A share {@code knownCallerShare} (0–1) of the calls comes from one of {@code knownCallers}
     * (picked evenly), the rest from random numbers; both drawn from the profile's seed.
     */
    public record Stream(String dialled, double callsPerHour, Double meanPatienceSeconds, List<String> dtmfChoices,
                         List<String> knownCallers, double knownCallerShare) {

        public Stream {
            dtmfChoices = dtmfChoices == null ? List.of() : List.copyOf(dtmfChoices);
            knownCallers = knownCallers == null ? List.of() : List.copyOf(knownCallers);
        }

        public Stream(String dialled, double callsPerHour, Double meanPatienceSeconds, List<String> dtmfChoices) {
            this(dialled, callsPerHour, meanPatienceSeconds, dtmfChoices, List.of(), 0);
        }

        public Stream(String dialled, double callsPerHour, Double meanPatienceSeconds) {
            this(dialled, callsPerHour, meanPatienceSeconds, List.of());
        }

        /** The same stream with a share of its calls from {@code callers}. */
        public Stream withKnownCallers(List<String> callers, double share) {
            return new Stream(dialled, callsPerHour, meanPatienceSeconds, dtmfChoices, callers, share);
        }
    }

    /**
     * A traffic profile (TEL-5): callers per number, and phones the switch answers itself
     * (virtual agents) with a ring delay and an exponential talk time. Deterministic for a seed.
     */
    public record Traffic(List<Stream> streams, List<String> virtualEndpoints, double ringDelaySeconds,
                          double meanTalkSeconds, long seed) {
    }

    private final Scheduler scheduler;
    private final ObjectProvider<TelephonyEvents> listeners;
    private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

    SimulatedSwitch(Scheduler scheduler, ObjectProvider<TelephonyEvents> listeners) {
        this.scheduler = scheduler;
        this.listeners = listeners;
    }

    @Override
    public TelephonyPort port(TenantId tenant) {
        return tenant(tenant);
    }

    /** A virtual caller dials {@code dialled}; with {@code patience} they hang up if not connected by then. */
    public String placeCall(TenantId tenantId, String caller, String dialled, Duration patience) {
        return placeCall(tenantId, caller, dialled, patience, List.of());
    }

    /**
     * A virtual caller dials {@code dialled}; each IVR menu they hear is answered with the next of
     * {@code dtmf} (one string per menu) after a second; when none is left they stay silent.
     */
    public String placeCall(TenantId tenantId, String caller, String dialled, Duration patience, List<String> dtmf) {
        if (patience != null && (patience.isNegative() || patience.isZero())) {
            throw new InvalidInputException("range", "patienceSeconds", "Patience must be positive");
        }
        Tenant t = tenant(tenantId);
        String id = UUID.randomUUID().toString();
        t.placed.incrementAndGet();
        Call call = new Call(id, caller, dialled);
        call.dtmf.addAll(dtmf == null ? List.of() : dtmf);
        t.calls.put(id, call);
        deliver(tenantId, l -> l.callOffered(tenantId, id, caller, dialled));
        if (patience != null) {
            scheduler.schedule(scheduler.now().plus(patience), () -> {
                if (call.state.equals("offered") || call.state.equals("ringing")) {
                    t.end(call, HangupSide.CALLER, "patience");
                }
            });
        }
        return id;
    }

    /** What a phone last heard from the platform, and whether its service call is still open. */
    public record SimPhone(String extension, String prompt, boolean inServiceCall) {
    }

    /** A phone dials digits (a service code such as {@code *45100}). */
    public void dial(TenantId tenantId, String extension, String digits) {
        Tenant t = tenant(tenantId);
        t.phones.put(extension, new SimPhone(extension, null, true));
        deliver(tenantId, l -> l.phoneDialled(tenantId, extension, digits));
    }

    /** A phone sends DTMF digits. */
    public void dtmf(TenantId tenantId, String extension, String digits) {
        deliver(tenantId, l -> l.phoneDtmf(tenantId, extension, digits));
    }

    public SimPhone phone(TenantId tenantId, String extension) {
        return tenant(tenantId).phones.getOrDefault(extension, new SimPhone(extension, null, false));
    }

    /** Calls placed since start, calls the switch still has, and those by state (offered, ivr, ringing, connected, held). */
    public record Stats(long placed, long active, Map<String, Long> activeByState) {
    }

    public Stats stats(TenantId tenantId) {
        Tenant t = tenant(tenantId);
        Map<String, Long> byState = new java.util.TreeMap<>();
        t.calls.values().forEach(c -> byState.merge(c.state, 1L, Long::sum));
        return new Stats(t.placed.get(), t.calls.size(), byState);
    }

    /** The virtual caller hangs up. */
    public void callerHangup(TenantId tenantId, String callId) {
        Tenant t = tenant(tenantId);
        Call call = t.calls.get(callId);
        if (call == null) {
            throw new NotFoundException("call", callId);
        }
        t.end(call, HangupSide.CALLER, "normal");
    }

    public SimCall call(TenantId tenantId, String callId) {
        Call c = tenant(tenantId).calls.get(callId);
        if (c == null) {
            throw new NotFoundException("call", callId);
        }
        return view(c);
    }

    public List<SimCall> calls(TenantId tenantId) {
        return tenant(tenantId).calls.values().stream()
                .map(SimulatedSwitch::view).toList();
    }

    private static SimCall view(Call c) {
        return new SimCall(c.id, c.caller, c.dialled, c.state, c.endpoint, java.util.Set.copyOf(c.ringing), c.direction,
                c.from, List.copyOf(c.monitors.values()), c.mohClass, List.copyOf(c.announcements));
    }

    /** Starts (or replaces) the tenant's traffic profile. */
    public void startTraffic(TenantId tenantId, Traffic traffic) {
        for (Stream st : traffic.streams()) {
            if (st.callsPerHour() <= 0 || st.callsPerHour() > 360_000) {
                throw new InvalidInputException("range", "streams.callsPerHour", "Calls per hour are above 0 and at most 360000");
            }
            if (st.knownCallerShare() < 0 || st.knownCallerShare() > 1) {
                throw new InvalidInputException("range", "streams.knownCallerShare", "The share of known callers is between 0 and 1");
            }
            if (st.meanPatienceSeconds() != null && st.meanPatienceSeconds() <= 0) {
                throw new InvalidInputException("range", "streams.meanPatienceSeconds", "Patience must be positive");
            }
        }
        if (traffic.ringDelaySeconds() < 0 || traffic.meanTalkSeconds() <= 0) {
            throw new InvalidInputException("range", "meanTalkSeconds", "Ring delay ≥ 0 and talk time > 0 seconds");
        }
        Tenant t = tenant(tenantId);
        t.stopTraffic();
        Run run = new Run(traffic);
        t.run = run;
        t.agents = run;
        for (Stream st : traffic.streams()) {
            scheduleArrival(tenantId, t, run, st);
        }
    }

    /** Stops the arrivals; the virtual agents finish the calls in progress (and answer those still waiting). */
    public void stopTraffic(TenantId tenantId) {
        tenant(tenantId).stopTraffic();
    }

    /** The running profile, if any. */
    public java.util.Optional<Traffic> traffic(TenantId tenantId) {
        Run run = tenant(tenantId).run;
        return run == null ? java.util.Optional.empty() : java.util.Optional.of(run.traffic);
    }

    private void scheduleArrival(TenantId tenantId, Tenant t, Run run, Stream st) {
        double gap = run.exp(3600.0 / st.callsPerHour());
        scheduler.schedule(scheduler.now().plus(seconds(gap)), () -> {
            if (run.stopped) {
                return;
            }
            String caller = run.caller(st);
            Duration patience = st.meanPatienceSeconds() == null ? null : seconds(run.exp(st.meanPatienceSeconds()));
            List<String> choices = st.dtmfChoices() == null || st.dtmfChoices().isEmpty() ? List.of()
                    : List.of(st.dtmfChoices().get(run.pick(st.dtmfChoices().size())));
            placeCall(tenantId, caller, st.dialled(), patience, choices);
            scheduleArrival(tenantId, t, run, st);
        });
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
    }

    /** A running traffic profile with its own random source. */
    private static final class Run {
        final Traffic traffic;
        final java.util.SplittableRandom random;
        final java.util.Set<String> virtual;
        volatile boolean stopped;

        Run(Traffic traffic) {
            this.traffic = traffic;
            this.random = new java.util.SplittableRandom(traffic.seed());
            this.virtual = java.util.Set.copyOf(traffic.virtualEndpoints());
        }

        synchronized int pick(int n) {
            return random.nextInt(n);
        }

        /** One of the stream's known callers for its share of the calls, else a random Moscow number. */
        synchronized String caller(Stream st) {
            if (!st.knownCallers().isEmpty() && random.nextDouble() < st.knownCallerShare()) {
                return st.knownCallers().get(random.nextInt(st.knownCallers().size()));
            }
            return "+7495" + (1_000_000 + random.nextInt(9_000_000));
        }

        synchronized double exp(double mean) {
            return -mean * Math.log(1 - random.nextDouble());
        }
    }

    private Tenant tenant(TenantId id) {
        return tenants.computeIfAbsent(id, Tenant::new);
    }

    /** Reports to every listener at the scheduler's present instant (never inside the caller's stack). */
    private void deliver(TenantId tenant, Consumer<TelephonyEvents> event) {
        scheduler.schedule(scheduler.now(), () -> listeners.orderedStream().forEach(l -> {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("A telephony listener refused an event of tenant {}: {}", tenant, e.getMessage());
            }
        }));
    }

    private static final class Call {
        final String id;
        final String caller;
        final String dialled;
        volatile String state = "offered";
        volatile String endpoint;
        volatile String direction = "inbound";
        volatile String from;
        /** Every phone the call rings at now (more than one for ring-all queues). */
        final java.util.Set<String> ringing = ConcurrentHashMap.newKeySet();
        final java.util.concurrent.ConcurrentLinkedDeque<String> dtmf = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /** Supervisors' phones on the call (ACD-11), by endpoint, in the order they came. */
        final Map<String, SimMonitor> monitors = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
        volatile String mohClass;
        final List<SimAnnouncement> announcements = new java.util.concurrent.CopyOnWriteArrayList<>();

        Call(String id, String caller, String dialled) {
            this.id = id;
            this.caller = caller;
            this.dialled = dialled;
        }
    }

    private final class Tenant implements TelephonyPort {
        final TenantId id;
        final Map<String, Call> calls = new ConcurrentHashMap<>();
        final Map<String, SimPhone> phones = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicLong placed = new java.util.concurrent.atomic.AtomicLong();
        /** The running arrivals, if any. */
        volatile Run run;
        /** The virtual agents of the last profile: they keep answering and talking after arrivals stop. */
        volatile Run agents;

        Tenant(TenantId id) {
            this.id = id;
        }

        void stopTraffic() {
            Run r = run;
            if (r != null) {
                r.stopped = true;
                run = null;
            }
        }

        /** A virtual agent's phone: picks up after the ring delay if the call still rings there. */
        private void virtualAnswer(Call c, String endpoint) {
            Run r = agents;
            if (r == null || !r.virtual.contains(endpoint)) {
                return;
            }
            scheduler.schedule(scheduler.now().plus(seconds(r.traffic.ringDelaySeconds())), () -> {
                if (calls.get(c.id) == c && "ringing".equals(c.state) && c.ringing.contains(endpoint)) {
                    deliver(id, l -> l.answered(id, c.id, endpoint));
                }
            });
        }

        /** A virtual agent ends the conversation after an exponential talk time. */
        private void virtualTalk(Call c, String endpoint) {
            Run r = agents;
            if (r == null || !r.virtual.contains(endpoint)) {
                return;
            }
            scheduler.schedule(scheduler.now().plus(seconds(r.exp(r.traffic.meanTalkSeconds()))), () -> {
                if (calls.get(c.id) == c && endpoint.equals(c.endpoint)
                        && ("connected".equals(c.state) || "held".equals(c.state))) {
                    end(c, HangupSide.AGENT, "normal");
                }
            });
        }

        void end(Call call, HangupSide side, String cause) {
            if (calls.remove(call.id) == null) {
                return;
            }
            call.state = "ended";
            deliver(id, l -> l.hungUp(id, call.id, side, cause));
        }

        @Override
        public void ringAgent(String callId, String endpoint) {
            Call c = calls.get(callId);
            if (c != null) {
                c.ringing.add(endpoint);
                c.state = "ringing";
                c.endpoint = endpoint;
                virtualAnswer(c, endpoint);
            }
        }

        @Override
        public void stopRinging(String callId, String endpoint) {
            Call c = calls.get(callId);
            if (c != null && c.ringing.remove(endpoint) && c.state.equals("ringing")) {
                if (c.ringing.isEmpty()) {
                    c.state = "offered";
                    c.endpoint = null;
                } else {
                    c.endpoint = c.ringing.iterator().next();
                }
            }
        }

        @Override
        public void bridge(String callId, String endpoint) {
            Call c = calls.get(callId);
            if (c != null) {
                c.ringing.clear();
                c.state = "connected";
                c.endpoint = endpoint;
                virtualTalk(c, endpoint);
            }
        }

        @Override
        public void hangup(String callId) {
            Call c = calls.remove(callId);
            if (c != null) {
                c.state = "ended";
            }
        }

        @Override
        public void hold(String callId, boolean on) {
            Call c = calls.get(callId);
            if (c != null) {
                c.state = on ? "held" : "connected";
            }
        }

        @Override
        public void playAndRelease(String callId, String prompt) {
            hangup(callId);
        }

        @Override
        public void queued(String callId, String mohClass) {
            Call c = calls.get(callId);
            if (c != null) {
                c.mohClass = mohClass;
            }
        }

        @Override
        public void announce(String callId, Integer position, Integer expectedWaitMinutes) {
            Call c = calls.get(callId);
            if (c != null) {
                c.announcements.add(new SimAnnouncement(scheduler.now(), position, expectedWaitMinutes));
            }
        }

        @Override
        public void voicemail(String callId, String mailbox) {
            hangup(callId);
        }

        @Override
        public void callBack(String callId, String endpoint) {
            ringAgent(callId, endpoint);
        }

        @Override
        public void playAndCollect(String callId, String prompt) {
            Call c = calls.get(callId);
            if (c == null) {
                return;
            }
            c.state = "ivr";
            String digits = c.dtmf.poll();
            if (digits != null) {
                scheduler.schedule(scheduler.now().plusSeconds(1), () -> {
                    if (calls.get(c.id) == c) {
                        deliver(id, l -> l.dtmf(id, c.id, digits));
                    }
                });
            }
        }

        @Override
        public void promptPhone(String endpoint, String prompt, boolean hangUpAfter) {
            phones.put(endpoint, new SimPhone(endpoint, prompt, !hangUpAfter));
        }

        /**
         * Rings the supervisor's phone; it answers a second later and joins the call in the mode
         * (ACD-11). A phone already on the call just changes its mode. Only a connected or held
         * call can be joined (409 {@code not_connected}).
         */
        @Override
        public void monitor(String callId, String endpoint, io.linia.telephony.MonitorMode mode) {
            Call c = calls.get(callId);
            if (c == null || !("connected".equals(c.state) || "held".equals(c.state))) {
                throw new io.linia.platform.ConflictException("not_connected", "callId",
                        "Only a connected call can be listened to");
            }
            SimMonitor before = c.monitors.get(endpoint);
            if (before != null) {
                c.monitors.put(endpoint, new SimMonitor(endpoint, mode, before.state()));
                return;
            }
            c.monitors.put(endpoint, new SimMonitor(endpoint, mode, "ringing"));
            scheduler.schedule(scheduler.now().plusSeconds(1), () ->
                    c.monitors.computeIfPresent(endpoint, (e, m) -> new SimMonitor(e, m.mode(), "joined")));
        }

        @Override
        public void stopMonitor(String callId, String endpoint) {
            Call c = calls.get(callId);
            if (c != null) {
                c.monitors.remove(endpoint);
            }
        }

        @Override
        public boolean callControl() {
            return true;
        }

        /** The number answers after {@link #ANSWER_DELAY} unless the call ended before (the sim's hang-up: busy). */
        @Override
        public void dialOut(String callId, String endpoint, String number) {
            Call c = new Call(callId, endpoint, number);
            c.direction = "outbound";
            c.from = endpoint;
            c.state = "dialing";
            c.endpoint = number;
            calls.put(callId, c);
            scheduler.schedule(scheduler.now().plus(ANSWER_DELAY), () -> {
                if (calls.get(callId) == c && "dialing".equals(c.state)) {
                    c.state = "connected";
                    deliver(id, l -> l.answered(id, callId, number));
                }
            });
        }

        @Override
        public void placeInternal(String callId, String endpoint) {
            Call c = new Call(callId, endpoint, null);
            c.direction = "internal";
            c.from = endpoint;
            calls.put(callId, c);
        }

        @Override
        public void transferOut(String callId, String number) {
            Call c = calls.get(callId);
            if (c != null) {
                c.ringing.clear();
                c.state = "external";
                c.endpoint = number;
            }
        }

        @Override
        public void connect(String callId, String consultCallId) {
            Call c = calls.get(callId);
            Call leg = calls.remove(consultCallId);
            if (c != null && leg != null) {
                c.state = "outbound".equals(leg.direction) ? "external" : "connected";
                c.endpoint = leg.endpoint;
                if ("connected".equals(c.state)) {
                    virtualTalk(c, c.endpoint);
                }
            }
        }
    }
}
