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

    /** What the simulated switch knows of a call. */
    public record SimCall(String id, String caller, String dialled, String state, String endpoint) {
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
        if (patience != null && (patience.isNegative() || patience.isZero())) {
            throw new InvalidInputException("range", "patienceSeconds", "Patience must be positive");
        }
        Tenant t = tenant(tenantId);
        String id = UUID.randomUUID().toString();
        Call call = new Call(id, caller, dialled);
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
        return new SimCall(c.id, c.caller, c.dialled, c.state, c.endpoint);
    }

    public List<SimCall> calls(TenantId tenantId) {
        return tenant(tenantId).calls.values().stream()
                .map(c -> new SimCall(c.id, c.caller, c.dialled, c.state, c.endpoint)).toList();
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

        Call(String id, String caller, String dialled) {
            this.id = id;
            this.caller = caller;
            this.dialled = dialled;
        }
    }

    private final class Tenant implements TelephonyPort {
        final TenantId id;
        final Map<String, Call> calls = new ConcurrentHashMap<>();

        Tenant(TenantId id) {
            this.id = id;
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
                c.state = "ringing";
                c.endpoint = endpoint;
            }
        }

        @Override
        public void stopRinging(String callId, String endpoint) {
            Call c = calls.get(callId);
            if (c != null && endpoint.equals(c.endpoint) && c.state.equals("ringing")) {
                c.state = "offered";
                c.endpoint = null;
            }
        }

        @Override
        public void bridge(String callId, String endpoint) {
            Call c = calls.get(callId);
            if (c != null) {
                c.state = "connected";
                c.endpoint = endpoint;
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
        public void voicemail(String callId, String mailbox) {
            hangup(callId);
        }

        @Override
        public void callBack(String callId, String endpoint) {
            ringAgent(callId, endpoint);
        }
    }
}
