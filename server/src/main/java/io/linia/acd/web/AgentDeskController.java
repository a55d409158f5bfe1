package io.linia.acd.web;

import io.linia.acd.AgentDesk;
import io.linia.acd.Wrapups;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workstation's own reads and the wrap-up of a call (WS-1..4). */
@RestController
@RequestMapping("/api/v1/agent")
@Tag(name = "Agent")
@PreAuthorize("hasAuthority('CALLS_HANDLE')")
class AgentDeskController {

    record Wrapup(@Size(max = 64) String resultCode, @Size(max = 2000) String comment) {
    }

    private final AgentDesk desk;
    private final Wrapups wrapups;

    AgentDeskController(AgentDesk desk, Wrapups wrapups) {
        this.desk = desk;
        this.wrapups = wrapups;
    }

    @GetMapping("/queues")
    @Operation(summary = "The organization's queues, those you are logged in to marked joined, and the server's time")
    AgentDesk.Queues queues(@AuthenticationPrincipal CurrentUser me) {
        return desk.queues(me.tenantId(), me.userId());
    }

    @GetMapping("/calls/{callId}")
    @Operation(summary = "Your call (ringing at you or talked on): queue, IVR topic and path, wrap-up (WS-4)")
    AgentDesk.CallDetails call(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId) {
        return desk.call(me.tenantId(), me.userId(), callId);
    }

    @GetMapping("/colleagues")
    @Operation(summary = "Colleagues logged in to queues, with their state: whom a call can be transferred to")
    List<AgentDesk.Colleague> colleagues(@AuthenticationPrincipal CurrentUser me) {
        return desk.colleagues(me.tenantId(), me.userId());
    }

    @PostMapping("/calls/{callId}/wrapup")
    @Operation(summary = "Wrap up your last call with a result code and a comment; ends your wrap-up time (WS-3)")
    Wrapups.Wrapup wrapup(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                          @Valid @RequestBody Wrapup w) {
        return wrapups.wrapUp(me.tenantId(), me.userId(), callId, w.resultCode(), w.comment());
    }
}
