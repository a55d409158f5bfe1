package io.linia.acd.web;

import io.linia.acd.PauseReasons;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's pause reasons (ACD-3). */
@RestController
@RequestMapping("/api/v1/pause-reasons")
@Tag(name = "Queues")
class PauseReasonController {

    record Reasons(@NotNull @Size(max = 50) List<io.linia.acd.@Valid CodeName> reasons) {
    }

    private final PauseReasons reasons;

    PauseReasonController(PauseReasons reasons) {
        this.reasons = reasons;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('CALLS_HANDLE', 'QUEUE_MANAGE', 'STATUS_VIEW')")
    Reasons list(@AuthenticationPrincipal CurrentUser me) {
        return new Reasons(reasons.list(me.tenantId()));
    }

    @PutMapping
    @PreAuthorize("hasAuthority('QUEUE_MANAGE')")
    @Operation(summary = "Replace the list of pause reasons")
    Reasons replace(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Reasons r) {
        return new Reasons(reasons.replace(me.tenantId(), r.reasons()));
    }
}
