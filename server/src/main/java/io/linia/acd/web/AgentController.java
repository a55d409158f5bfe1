package io.linia.acd.web;

import io.linia.acd.AgentService;
import io.linia.acd.AgentStatus;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in agent's own state and calls (ACD-2, ACD-3, WS-2, WS-3). */
@RestController
@RequestMapping("/api/v1/agent")
@Tag(name = "Agent")
@PreAuthorize("hasAuthority('CALLS_HANDLE')")
class AgentController {

    record State(@NotBlank @Size(max = 16) String state, @Size(max = 64) String reason) {
    }

    /** Exactly one of a queue, an agent (user id) or a number (digits, optionally after a +). */
    record Transfer(UUID queueId, UUID agentId, @Size(max = 32) String number) {

        AgentService.Target target() {
            return new AgentService.Target(queueId, agentId, number);
        }
    }

    /** A number or a customer's card (its first phone). */
    record Dial(@Size(max = 32) String number, UUID customerId) {
    }

    /** The agent's status plus the call just placed. */
    record Placed(String callId, UUID userId, String state, String reason, java.time.Instant since,
                  java.util.List<UUID> queues, String consultCallId) {

        Placed(String callId, AgentStatus s) {
            this(callId, s.userId(), s.state(), s.reason(), s.since(), s.queues(), s.consultCallId());
        }
    }

    /** The agent's status (its {@code callId} is the held caller's) plus the consultation leg. */
    record Consulting(UUID userId, String state, String reason, java.time.Instant since, java.util.List<UUID> queues,
                      String callId, String consultCallId) {

        Consulting(AgentStatus s, String consultCallId) {
            this(s.userId(), s.state(), s.reason(), s.since(), s.queues(), s.callId(), consultCallId);
        }
    }

    private final AgentService agents;
    private final io.linia.acd.AgentTime time;

    AgentController(AgentService agents, io.linia.acd.AgentTime time) {
        this.agents = agents;
        this.time = time;
    }

    @GetMapping("/time")
    @Operation(summary = "Own time per state and per queue on a day (default today, in the organization's zone)")
    io.linia.acd.AgentTime.Day time(@AuthenticationPrincipal CurrentUser me,
                                    @org.springframework.web.bind.annotation.RequestParam(required = false)
                                    java.time.LocalDate date) {
        return time.day(me.tenantId(), me.userId(), date == null ? today(me) : date);
    }

    private java.time.LocalDate today(CurrentUser me) {
        return time.today(me.tenantId());
    }

    @GetMapping("/state")
    AgentStatus state(@AuthenticationPrincipal CurrentUser me) {
        return agents.status(me.tenantId(), me.userId());
    }

    @PutMapping("/state")
    @Operation(summary = "Go FREE, PAUSED (with a reason) or OFFLINE (leaves every queue)")
    AgentStatus setState(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody State s) {
        return agents.setState(me.tenantId(), me.userId(), s.state().toUpperCase(), s.reason());
    }

    @PutMapping("/queues/{queueId}")
    @Operation(summary = "Log in to a queue")
    AgentStatus join(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId) {
        agents.join(me.tenantId(), me.userId(), queueId);
        return agents.status(me.tenantId(), me.userId());
    }

    @DeleteMapping("/queues/{queueId}")
    @Operation(summary = "Log out of a queue")
    AgentStatus leave(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId) {
        agents.leave(me.tenantId(), me.userId(), queueId);
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/answer")
    AgentStatus answer(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        agents.answer(me.tenantId(), me.userId(), callId);
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/hangup")
    AgentStatus hangup(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        agents.hangup(me.tenantId(), me.userId(), callId);
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/hold")
    AgentStatus hold(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        agents.hold(me.tenantId(), me.userId(), callId, true);
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/resume")
    AgentStatus resume(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        agents.hold(me.tenantId(), me.userId(), callId, false);
        return agents.status(me.tenantId(), me.userId());
    }

    record Recording(@jakarta.validation.constraints.NotNull Boolean paused) {
    }

    @PostMapping("/calls/{callId}/recording")
    @Operation(summary = "Pause (a card number is being said, SEC-7) or resume the recording of your call")
    AgentStatus recording(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                          @Valid @RequestBody Recording r) {
        agents.pauseRecording(me.tenantId(), me.userId(), callId, r.paused());
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/transfer")
    @Operation(summary = "Blind transfer to a queue, a free agent (rung; unanswered it returns to its queue at the head)"
            + " or a number; you go to wrap-up")
    AgentStatus transfer(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                         @Valid @RequestBody Transfer t) {
        agents.transfer(me.tenantId(), me.userId(), callId, t.target());
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/consult")
    @Operation(summary = "Hold the caller and call a queue, a free agent or a number to consult (attended transfer)")
    Consulting consult(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                       @Valid @RequestBody Transfer t) {
        String consultId = agents.consult(me.tenantId(), me.userId(), callId, t.target());
        return new Consulting(agents.status(me.tenantId(), me.userId()), consultId);
    }

    @PostMapping("/calls/{callId}/consult/complete")
    @Operation(summary = "Connect the held caller with the consulted party; you go to wrap-up")
    AgentStatus completeConsult(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        agents.completeConsult(me.tenantId(), me.userId(), callId);
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/consult/cancel")
    @Operation(summary = "End the consultation; the caller stays on hold until /resume")
    AgentStatus cancelConsult(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        agents.cancelConsult(me.tenantId(), me.userId(), callId);
        return agents.status(me.tenantId(), me.userId());
    }

    @PostMapping("/dial")
    @Operation(summary = "Call a number or a customer's first phone; allowed when free, paused, in wrap-up or offline")
    Placed dial(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Dial d) {
        String callId = agents.dial(me.tenantId(), me.userId(), d.number(), d.customerId());
        return new Placed(callId, agents.status(me.tenantId(), me.userId()));
    }
}
