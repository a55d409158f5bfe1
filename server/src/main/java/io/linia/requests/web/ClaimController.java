package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.requests.Claims;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** CASE-7 claims of customer-company users to project managers. */
@RestController
@RequestMapping("/api/v1/claims")
@Tag(name = "Requests", description = "Requests / cases (CASE-1..7)")
class ClaimController {

    record NewClaim(UUID projectId, UUID requestId, String text) {
    }

    private final Claims claims;

    ClaimController(Claims claims) {
        this.claims = claims;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('CLAIM_SEND')")
    @Operation(summary = "Send a claim about a project (or one of its requests) to its managers (CASE-7)")
    Claims.Claim send(@AuthenticationPrincipal CurrentUser me, @RequestBody NewClaim claim) {
        return claims.send(me.tenantId(), claim.projectId(), claim.requestId(), claim.text(), Actors.of(me));
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('CLAIM_SEND', 'PROJECT_MANAGE')")
    @Operation(summary = "Claims newest first: every claim for a project manager, one's own for a customer user")
    List<Claims.Claim> list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID project) {
        return claims.list(me.tenantId(), project, Actors.of(me));
    }
}
