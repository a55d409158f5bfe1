package io.linia.acd.web;

import io.linia.acd.AgentTime;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A supervisor's view of any agent's day (ACD-3: time per state, per queue, per day). */
@RestController
@Tag(name = "Agent")
class AgentTimeController {

    private final AgentTime time;

    AgentTimeController(AgentTime time) {
        this.time = time;
    }

    @GetMapping("/api/v1/agents/{userId}/time")
    @PreAuthorize("hasAnyAuthority('STATS_VIEW', 'MONITOR_ALL')")
    @Operation(summary = "An agent's time per state and per queue on a day (default today)")
    AgentTime.Day day(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID userId,
                      @RequestParam(required = false) LocalDate date) {
        return time.day(me.tenantId(), userId, date == null ? time.today(me.tenantId()) : date);
    }
}
