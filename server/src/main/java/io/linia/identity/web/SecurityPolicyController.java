package io.linia.identity.web;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.CurrentUser;
import io.linia.identity.PolicySettings;
import io.linia.identity.SecurityPolicy;
import io.linia.identity.internal.JdbcSecurityPolicies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * SEC-1..4 policies: the provider sets the platform's, a tenant may tighten its own. Answers
 * carry the settings of the level and the effective policy that results.
 */
@RestController
@Tag(name = "Security policy")
class SecurityPolicyController {

    record ProviderPolicy(PolicySettings settings, SecurityPolicy effective) {
    }

    record TenantPolicy(PolicySettings settings, SecurityPolicy provider, SecurityPolicy effective) {
    }

    private final JdbcSecurityPolicies policies;
    private final AuditLog audit;

    SecurityPolicyController(JdbcSecurityPolicies policies, AuditLog audit) {
        this.policies = policies;
        this.audit = audit;
    }

    @GetMapping("/api/v1/platform/security-policy")
    @PreAuthorize("hasAuthority('PLATFORM_POLICY_MANAGE')")
    ProviderPolicy provider() {
        return new ProviderPolicy(policies.settings(JdbcSecurityPolicies.PROVIDER_SCOPE), policies.providerPolicy());
    }

    @PutMapping("/api/v1/platform/security-policy")
    @PreAuthorize("hasAuthority('PLATFORM_POLICY_MANAGE')")
    @Transactional
    @Operation(summary = "Set the provider's policy for every tenant; unset fields take the platform defaults")
    ProviderPolicy setProvider(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody PolicySettings settings) {
        PolicySettings before = policies.settings(JdbcSecurityPolicies.PROVIDER_SCOPE);
        policies.saveProvider(settings);
        audit.record(AuditEvent.change(me.tenantId(), "security_policy.provider.update", "security_policy", "provider",
                before, settings));
        return provider();
    }

    @GetMapping("/api/v1/security-policy")
    @PreAuthorize("hasAuthority('SECURITY_POLICY_MANAGE')")
    TenantPolicy tenant(@AuthenticationPrincipal CurrentUser me) {
        return new TenantPolicy(policies.settings(me.tenantId().value()), policies.providerPolicy(),
                policies.effective(me.tenantId()));
    }

    @PutMapping("/api/v1/security-policy")
    @PreAuthorize("hasAuthority('SECURITY_POLICY_MANAGE')")
    @Transactional
    @Operation(summary = "Tighten the provider's policy for this tenant; a weaker value is refused (422 weaker_than_provider)")
    TenantPolicy setTenant(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody PolicySettings settings) {
        PolicySettings before = policies.settings(me.tenantId().value());
        policies.saveTenant(me.tenantId(), settings, true);
        audit.record(AuditEvent.change(me.tenantId(), "security_policy.update", "security_policy", me.tenantId(),
                before, settings));
        return tenant(me);
    }

    @PostMapping("/api/v1/security-policy/profiles/pci")
    @PreAuthorize("hasAuthority('SECURITY_POLICY_MANAGE')")
    @Transactional
    @Operation(summary = "Apply the PCI profile: 12 characters, letters and digits, history 4, lock after 10 tries for 30 min, admin idle 15 min")
    TenantPolicy applyPci(@AuthenticationPrincipal CurrentUser me) {
        PolicySettings before = policies.settings(me.tenantId().value());
        policies.saveTenant(me.tenantId(), PolicySettings.PCI, false);
        audit.record(AuditEvent.change(me.tenantId(), "security_policy.profile.pci", "security_policy", me.tenantId(),
                before, PolicySettings.PCI));
        return tenant(me);
    }
}
