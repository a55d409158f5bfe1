package io.linia.telephony.sim;

import io.linia.identity.CurrentUser;
import io.linia.platform.ConflictException;
import io.linia.platform.time.Scheduler;
import io.linia.platform.time.VirtualScheduler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Control of the simulated switch (TEL-5), with the {@code SIMULATION_CONTROL} permission:
 * virtual callers and, in virtual-time mode, the clock. On virtual time every call here
 * also runs what has become due, so the answer already reflects what the call caused.
 */
@RestController
@RequestMapping("/api/v1/sim")
@Tag(name = "Simulated switch")
@PreAuthorize("hasAuthority('SIMULATION_CONTROL')")
class SimController {

    record NewCall(@NotBlank @Pattern(regexp = "\\+?[0-9]{1,20}") String caller,
                   @NotBlank @Pattern(regexp = "[0-9*#]{1,20}") String dialled,
                   @Min(1) @Max(86400) Integer patienceSeconds,
                   @jakarta.validation.constraints.Size(max = 20) List<@Pattern(regexp = "[0-9*#]{1,20}") String> dtmf) {
    }

    record Placed(String callId) {
    }

    record Advance(@NotNull @Min(0) @Max(31_536_000) Long seconds) {
    }

    record Clock(Instant now, boolean virtual) {
    }

    record StreamRequest(@NotBlank @Pattern(regexp = "[0-9*#]{1,20}") String dialled,
                         @NotNull @jakarta.validation.constraints.Positive @jakarta.validation.constraints.DecimalMax("360000") Double callsPerHour,
                         @jakarta.validation.constraints.Positive Double meanPatienceSeconds,
                         @jakarta.validation.constraints.Size(max = 12) List<@Pattern(regexp = "[0-9*#]{1,20}") String> dtmfChoices,
                         @jakarta.validation.constraints.Size(max = 1000) List<@NotBlank @Pattern(regexp = "\\+?[0-9]{1,20}") String> knownCallers,
                         @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1") Double knownCallerShare) {
    }

    record TrafficRequest(@NotNull @jakarta.validation.constraints.Size(min = 1, max = 100) List<@Valid StreamRequest> streams,
                          @jakarta.validation.constraints.Size(max = 10000) List<@Pattern(regexp = "[0-9]{1,20}") String> virtualEndpoints,
                          @jakarta.validation.constraints.PositiveOrZero Double ringDelaySeconds,
                          @jakarta.validation.constraints.Positive Double meanTalkSeconds,
                          Long seed) {
    }

    private final SimulatedSwitch sim;
    private final Scheduler scheduler;
    private final io.linia.telephony.TelephonyPorts ports;

    SimController(SimulatedSwitch sim, Scheduler scheduler, io.linia.telephony.TelephonyPorts ports) {
        this.sim = sim;
        this.scheduler = scheduler;
        this.ports = ports;
    }

    /** Virtual callers and phones only for a tenant whose calls run on the simulated switch (TEL-7). */
    private void requireSimulated(CurrentUser me) {
        if (!ports.simulated(me.tenantId())) {
            throw new io.linia.platform.ConflictException("switch_not_simulated", "mode",
                    "This tenant's calls run on its Asterisk (ARI); the simulated switch takes no calls for it");
        }
    }

    @PostMapping("/calls")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A virtual caller dials a number")
    Placed call(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody NewCall r) {
        requireSimulated(me);
        String id = sim.placeCall(me.tenantId(), r.caller(), r.dialled(),
                r.patienceSeconds() == null ? null : Duration.ofSeconds(r.patienceSeconds()), r.dtmf());
        settle();
        return new Placed(id);
    }

    @PostMapping("/calls/{callId}/hangup")
    @Operation(summary = "The virtual caller hangs up")
    SimulatedSwitch.SimCall hangup(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        SimulatedSwitch.SimCall before = sim.call(me.tenantId(), callId);
        sim.callerHangup(me.tenantId(), callId);
        settle();
        return before;
    }

    @GetMapping("/calls")
    List<SimulatedSwitch.SimCall> calls(@AuthenticationPrincipal CurrentUser me) {
        return sim.calls(me.tenantId());
    }

    @GetMapping("/stats")
    @Operation(summary = "Calls placed by the simulator since start, and those still in progress")
    SimulatedSwitch.Stats stats(@AuthenticationPrincipal CurrentUser me) {
        return sim.stats(me.tenantId());
    }

    @GetMapping("/calls/{callId}")
    SimulatedSwitch.SimCall get(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        return sim.call(me.tenantId(), callId);
    }

    record Digits(@NotBlank @Pattern(regexp = "[0-9*#]{1,32}") String digits) {
    }

    @PostMapping("/phones/{extension}/dial")
    @Operation(summary = "An agent's phone dials digits, e.g. *45100 to log in to queue 100 (ACD-2)")
    SimulatedSwitch.SimPhone dial(@AuthenticationPrincipal CurrentUser me,
                                  @PathVariable @Pattern(regexp = "[0-9]{1,20}") String extension,
                                  @Valid @RequestBody Digits d) {
        requireSimulated(me);
        sim.dial(me.tenantId(), extension, d.digits());
        settle();
        return sim.phone(me.tenantId(), extension);
    }

    @PostMapping("/phones/{extension}/dtmf")
    @Operation(summary = "An agent's phone sends DTMF digits (the PIN after *45…)")
    SimulatedSwitch.SimPhone dtmf(@AuthenticationPrincipal CurrentUser me,
                                  @PathVariable @Pattern(regexp = "[0-9]{1,20}") String extension,
                                  @Valid @RequestBody Digits d) {
        requireSimulated(me);
        sim.dtmf(me.tenantId(), extension, d.digits());
        settle();
        return sim.phone(me.tenantId(), extension);
    }

    @GetMapping("/phones/{extension}")
    SimulatedSwitch.SimPhone phone(@AuthenticationPrincipal CurrentUser me, @PathVariable String extension) {
        return sim.phone(me.tenantId(), extension);
    }

    @PostMapping("/traffic")
    @Operation(summary = "Start (or replace) a traffic profile: callers per number and phones answered by virtual agents")
    SimulatedSwitch.Traffic startTraffic(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody TrafficRequest r) {
        requireSimulated(me);
        SimulatedSwitch.Traffic traffic = new SimulatedSwitch.Traffic(
                r.streams().stream().map(st -> new SimulatedSwitch.Stream(st.dialled(), st.callsPerHour(),
                        st.meanPatienceSeconds(), st.dtmfChoices(), st.knownCallers(),
                        st.knownCallerShare() == null ? 0 : st.knownCallerShare())).toList(),
                r.virtualEndpoints() == null ? List.of() : r.virtualEndpoints(),
                r.ringDelaySeconds() == null ? 3 : r.ringDelaySeconds(),
                r.meanTalkSeconds() == null ? 180 : r.meanTalkSeconds(),
                r.seed() == null ? 1 : r.seed());
        sim.startTraffic(me.tenantId(), traffic);
        settle();
        return traffic;
    }

    @GetMapping("/traffic")
    SimulatedSwitch.Traffic traffic(@AuthenticationPrincipal CurrentUser me) {
        return sim.traffic(me.tenantId()).orElseThrow(() -> new io.linia.platform.NotFoundException("traffic", "profile"));
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/traffic")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void stopTraffic(@AuthenticationPrincipal CurrentUser me) {
        sim.stopTraffic(me.tenantId());
    }

    @PostMapping("/clock/advance")
    @Operation(summary = "Move virtual time forward (virtual-time mode only); everything due runs in order")
    Clock advance(@Valid @RequestBody Advance r) {
        if (!(scheduler instanceof VirtualScheduler virtual)) {
            throw new ConflictException("real_time", null, "The platform runs on real time; the clock cannot be moved");
        }
        virtual.advance(Duration.ofSeconds(r.seconds()));
        return new Clock(scheduler.now(), true);
    }

    @GetMapping("/clock")
    Clock clock() {
        return new Clock(scheduler.now(), scheduler instanceof VirtualScheduler);
    }

    private void settle() {
        if (scheduler instanceof VirtualScheduler virtual) {
            virtual.runDue();
        }
    }
}
