package io.linia.acd.web;

import io.linia.acd.WrapupCodes;
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

/** The tenant's call result codes for wrap-up (WS-3). */
@RestController
@RequestMapping("/api/v1/wrapup-codes")
@Tag(name = "Queues")
class WrapupCodeController {

    record Codes(@NotNull @Size(max = 100) List<io.linia.acd.@Valid CodeName> codes) {
    }

    private final WrapupCodes codes;

    WrapupCodeController(WrapupCodes codes) {
        this.codes = codes;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('CALLS_HANDLE', 'QUEUE_MANAGE', 'STATUS_VIEW')")
    Codes list(@AuthenticationPrincipal CurrentUser me) {
        return new Codes(codes.list(me.tenantId()));
    }

    @PutMapping
    @PreAuthorize("hasAuthority('QUEUE_MANAGE')")
    @Operation(summary = "Replace the list of result codes")
    Codes replace(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Codes r) {
        return new Codes(codes.replace(me.tenantId(), r.codes()));
    }
}
