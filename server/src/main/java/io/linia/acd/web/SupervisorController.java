package io.linia.acd.web;

import io.linia.acd.AgentStatus;
import io.linia.acd.QueueThresholds;
import io.linia.acd.SupervisorService;
import io.linia.identity.CurrentUser;
import io.linia.platform.InvalidInputException;
import io.linia.telephony.MonitorMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Supervisor controls (ACD-11) and the thresholds that colour the queue tiles (RT-7). */
@RestController
@Tag(name = "Supervisor")
class SupervisorController {

    record State(@NotBlank @Size(max = 16) String state, @Size(max = 64) String reason) {
    }

    record Monitor(@NotBlank @Size(max = 16) String mode) {
    }

    record Thresholds(Integer waitingWarn, Integer waitingAlarm, Integer longestWaitWarnSeconds,
                      Integer longestWaitAlarmSeconds, Double serviceLevelWarn, Double serviceLevelAlarm) {
    }

    private final SupervisorService supervisor;
    private final QueueThresholds thresholds;

    SupervisorController(SupervisorService supervisor, QueueThresholds thresholds) {
        this.supervisor = supervisor;
        this.thresholds = thresholds;
    }

    @PutMapping("/api/v1/agents/{userId}/state")
    @PreAuthorize("hasAuthority('AGENT_CONTROL')")
    @Operation(summary = "Force an agent FREE, PAUSED (with a reason) or OFFLINE (out of every queue)")
    AgentStatus forceState(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId, @Valid @RequestBody State s) {
        return supervisor.forceState(me.tenantId(), userId, s.state().toUpperCase(java.util.Locale.ROOT), s.reason());
    }

    @PostMapping("/api/v1/calls/{callId}/monitor")
    @PreAuthorize("hasAuthority('AGENT_CONTROL')")
    @Operation(summary = "Ring your own extension and join the connected call to LISTEN, WHISPER (to the agent) or BARGE")
    SupervisorService.Monitoring monitor(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                                         @Valid @RequestBody Monitor m) {
        MonitorMode mode;
        try {
            mode = MonitorMode.valueOf(m.mode().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown_mode", "mode", "The mode is LISTEN, WHISPER or BARGE");
        }
        return supervisor.monitor(me.tenantId(), me.userId(), callId, mode);
    }

    @DeleteMapping("/api/v1/calls/{callId}/monitor")
    @PreAuthorize("hasAuthority('AGENT_CONTROL')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave a call you listen to, whisper into or barged into")
    void stopMonitor(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        supervisor.stopMonitor(me.tenantId(), me.userId(), callId);
    }

    @GetMapping("/api/v1/supervisor/thresholds")
    @PreAuthorize("hasAnyAuthority('STATUS_VIEW', 'MONITOR_ALL', 'QUEUE_MANAGE')")
    @Operation(summary = "Every queue's tile thresholds (defaults where none are set)")
    List<QueueThresholds.Thresholds> thresholds(@AuthenticationPrincipal CurrentUser me) {
        return thresholds.list(me.tenantId());
    }

    @GetMapping("/api/v1/supervisor/thresholds/{queueId}")
    @PreAuthorize("hasAnyAuthority('STATUS_VIEW', 'MONITOR_ALL', 'QUEUE_MANAGE')")
    QueueThresholds.Thresholds threshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId) {
        return thresholds.get(me.tenantId(), queueId);
    }

    @PutMapping("/api/v1/supervisor/thresholds/{queueId}")
    @PreAuthorize("hasAnyAuthority('AGENT_CONTROL', 'QUEUE_MANAGE')")
    @Operation(summary = "Set a queue's thresholds: warning and alarm levels; null leaves a figure unwatched")
    QueueThresholds.Thresholds setThreshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId,
                                            @RequestBody Thresholds t) {
        if (t == null) {
            throw new InvalidInputException("required", "waitingWarn", "Send the thresholds");
        }
        return thresholds.set(me.tenantId(), queueId, new QueueThresholds.Thresholds(queueId, t.waitingWarn(),
                t.waitingAlarm(), t.longestWaitWarnSeconds(), t.longestWaitAlarmSeconds(), t.serviceLevelWarn(),
                t.serviceLevelAlarm(), true));
    }

    @DeleteMapping("/api/v1/supervisor/thresholds/{queueId}")
    @PreAuthorize("hasAnyAuthority('AGENT_CONTROL', 'QUEUE_MANAGE')")
    @Operation(summary = "Back to the default thresholds")
    QueueThresholds.Thresholds resetThreshold(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId) {
        return thresholds.reset(me.tenantId(), queueId);
    }
}
