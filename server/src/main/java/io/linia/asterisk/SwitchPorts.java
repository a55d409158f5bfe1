package io.linia.asterisk;

import io.linia.asterisk.ari.AriConnections;
import io.linia.platform.TenantId;
import io.linia.platform.tenancy.TenantContext;
import io.linia.telephony.TelephonyPort;
import io.linia.telephony.TelephonyPorts;
import io.linia.telephony.sim.SimulatedSwitch;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Which switch a tenant's calls go to (TEL-7): its Asterisk over ARI when the mode is ARI, the
 * simulated switch otherwise (an AMI tenant's Asterisk routes its own calls; Linia only
 * follows them). The port handed out is stable and looks the switch up on every command, so a
 * change of mode takes effect without a restart of the ACD.
 */
@Primary
@Component
class SwitchPorts implements TelephonyPorts {

    private final SimulatedSwitch simulated;
    private final AriConnections ari;
    private final AsteriskSettings settings;
    private final Map<TenantId, TelephonyPort> ports = new ConcurrentHashMap<>();

    SwitchPorts(SimulatedSwitch simulated, AriConnections ari, AsteriskSettings settings) {
        this.simulated = simulated;
        this.ari = ari;
        this.settings = settings;
    }

    @Override
    public boolean simulated(TenantId tenant) {
        return ari.port(tenant).isEmpty();
    }

    /** A tenant that leaves the simulated switch takes no more virtual traffic (the demo's, say). */
    @TransactionalEventListener(fallbackExecution = true)
    public void on(AsteriskSettings.Changed e) {
        if (!"SIMULATED".equals(TenantContext.as(e.tenant(), () -> settings.mode(e.tenant())))) {
            simulated.stopTraffic(e.tenant());
        }
    }

    @Override
    public TelephonyPort port(TenantId tenant) {
        return ports.computeIfAbsent(tenant, Routed::new);
    }

    private TelephonyPort current(TenantId tenant) {
        return ari.port(tenant).<TelephonyPort>map(p -> p).orElseGet(() -> simulated.port(tenant));
    }

    /** Forwards every command to the tenant's switch of the moment. */
    private final class Routed implements TelephonyPort {
        private final TenantId tenant;

        Routed(TenantId tenant) {
            this.tenant = tenant;
        }

        @Override
        public void ringAgent(String callId, String endpoint) {
            current(tenant).ringAgent(callId, endpoint);
        }

        @Override
        public void stopRinging(String callId, String endpoint) {
            current(tenant).stopRinging(callId, endpoint);
        }

        @Override
        public void bridge(String callId, String endpoint) {
            current(tenant).bridge(callId, endpoint);
        }

        @Override
        public void hangup(String callId) {
            current(tenant).hangup(callId);
        }

        @Override
        public void hold(String callId, boolean on) {
            current(tenant).hold(callId, on);
        }

        @Override
        public void playAndRelease(String callId, String prompt) {
            current(tenant).playAndRelease(callId, prompt);
        }

        @Override
        public void voicemail(String callId, String mailbox) {
            current(tenant).voicemail(callId, mailbox);
        }

        @Override
        public void callBack(String callId, String endpoint) {
            current(tenant).callBack(callId, endpoint);
        }

        @Override
        public void playAndCollect(String callId, String prompt) {
            current(tenant).playAndCollect(callId, prompt);
        }

        @Override
        public void promptPhone(String endpoint, String prompt, boolean hangUpAfter) {
            current(tenant).promptPhone(endpoint, prompt, hangUpAfter);
        }

        @Override
        public void queued(String callId, String mohClass) {
            current(tenant).queued(callId, mohClass);
        }

        @Override
        public void announce(String callId, Integer position, Integer expectedWaitMinutes) {
            current(tenant).announce(callId, position, expectedWaitMinutes);
        }

        @Override
        public void releaseForCallback(String callId) {
            current(tenant).releaseForCallback(callId);
        }

        @Override
        public void pauseRecording(String callId, boolean paused) {
            current(tenant).pauseRecording(callId, paused);
        }

        @Override
        public void monitor(String callId, String endpoint, io.linia.telephony.MonitorMode mode) {
            current(tenant).monitor(callId, endpoint, mode);
        }

        @Override
        public void stopMonitor(String callId, String endpoint) {
            current(tenant).stopMonitor(callId, endpoint);
        }

        @Override
        public boolean callControl() {
            return current(tenant).callControl();
        }

        @Override
        public void dialOut(String callId, String endpoint, String number) {
            current(tenant).dialOut(callId, endpoint, number);
        }

        @Override
        public void placeInternal(String callId, String endpoint) {
            current(tenant).placeInternal(callId, endpoint);
        }

        @Override
        public void transferOut(String callId, String number) {
            current(tenant).transferOut(callId, number);
        }

        @Override
        public void connect(String callId, String consultCallId) {
            current(tenant).connect(callId, consultCallId);
        }
    }
}
