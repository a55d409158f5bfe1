package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.NetworkPolicyService;
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

/** SEC-8: the networks the tenant's API clients and sign-ins may come from. */
@RestController
@RequestMapping("/api/v1/security-policy/allowed-networks")
@Tag(name = "Security policy")
class NetworkPolicyController {

    record Networks(@NotNull @Size(max = 200) List<@NotNull @Size(max = 50) String> networks) {
    }

    private final NetworkPolicyService service;

    NetworkPolicyController(NetworkPolicyService service) {
        this.service = service;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SECURITY_POLICY_MANAGE')")
    Networks get(@AuthenticationPrincipal CurrentUser me) {
        return new Networks(service.allowedNetworks(me.tenantId()));
    }

    @PutMapping
    @PreAuthorize("hasAuthority('SECURITY_POLICY_MANAGE')")
    @Operation(summary = "Replace the allowed networks (CIDR, IPv4/IPv6); an empty list allows every address")
    Networks put(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Networks body) {
        return new Networks(service.replace(me.tenantId(), body.networks()));
    }
}
