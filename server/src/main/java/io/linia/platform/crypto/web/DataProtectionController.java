package io.linia.platform.crypto.web;

import io.linia.platform.ActorPrincipal;
import io.linia.platform.crypto.DataKeyStatus;
import io.linia.platform.crypto.internal.DataProtectionAdministration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tenant's data key (SEC-5) and confidential-storage switch (SEC-6). Always the caller's
 * own tenant: there is no tenant in the path, so no other tenant's keys can be named.
 */
@RestController
@RequestMapping("/api/v1/security")
@Tag(name = "Data protection")
@PreAuthorize("hasAuthority('SECURITY_POLICY_MANAGE')")
class DataProtectionController {

    /** Whether the tenant stores confidential data (recordings, transcripts, e-mail bodies, confidential fields). */
    record ConfidentialStorage(@NotNull Boolean enabled) {
    }

    private final DataProtectionAdministration administration;

    DataProtectionController(DataProtectionAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/data-key")
    @Operation(summary = "The tenant's data keys: primary key ids, number of keys, last rotation")
    DataKeyStatus dataKey(@AuthenticationPrincipal ActorPrincipal user) {
        return administration.dataKeyStatus(user.tenantId());
    }

    @PostMapping("/data-key/rotate")
    @Operation(summary = "Add a new primary data key; data under older keys stays readable (audited)")
    DataKeyStatus rotate(@AuthenticationPrincipal ActorPrincipal user) {
        return administration.rotateDataKey(user.tenantId());
    }

    @GetMapping("/confidential-storage")
    @Operation(summary = "Whether the tenant stores confidential data")
    ConfidentialStorage confidentialStorage(@AuthenticationPrincipal ActorPrincipal user) {
        return new ConfidentialStorage(administration.confidentialStorage(user.tenantId()));
    }

    @PutMapping("/confidential-storage")
    @Operation(summary = "Switch storing confidential data on or off (audited)")
    ConfidentialStorage setConfidentialStorage(@AuthenticationPrincipal ActorPrincipal user,
                                               @Valid @RequestBody ConfidentialStorage change) {
        return new ConfidentialStorage(administration.setConfidentialStorage(user.tenantId(), change.enabled()));
    }
}
