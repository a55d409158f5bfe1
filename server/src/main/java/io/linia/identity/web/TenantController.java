package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.IdentityConstants;
import io.linia.identity.NewUser;
import io.linia.identity.Tenant;
import io.linia.identity.TenantService;
import io.linia.platform.ForbiddenException;
import io.linia.platform.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants (ID-1): the provider's directory of customer companies. Only users of the
 * provider's own tenant with {@code TENANT_MANAGE} get here.
 */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants (provider)")
class TenantController {

    record FirstAdmin(
            @NotBlank @Pattern(regexp = UserController.LOGIN) String login,
            @NotBlank @Size(max = 200) String fullName,
            @Email @Size(max = 254) String email,
            @Size(max = 200) String password) {
    }

    record CreateTenant(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}") String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(max = 64) String timeZone,
            @Pattern(regexp = "ru|en") String defaultLanguage,
            @Valid FirstAdmin admin) {
    }

    record EditTenant(
            @Size(min = 1, max = 200) String name,
            @Size(max = 64) String timeZone,
            @Pattern(regexp = "ru|en") String defaultLanguage) {
    }

    record CreatedAdmin(UUID id, String login, String oneTimePassword) {
    }

    record Created(TenantView tenant, CreatedAdmin admin) {
    }

    record TenantView(UUID id, String code, String name, String status, String timeZone, String defaultLanguage,
                      java.time.Instant createdAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id().value(), t.code(), t.name(), t.status(), t.timeZone(), t.defaultLanguage(),
                    t.createdAt());
        }
    }

    record TenantPage(List<TenantView> items, String next) {
    }

    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('TENANT_MANAGE')")
    @Operation(summary = "Create a tenant with its built-in roles and, optionally, its first administrator")
    Created create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody CreateTenant r) {
        requireProvider(me);
        FirstAdmin a = r.admin();
        NewUser admin = a == null ? null : new NewUser(a.login(), a.fullName().trim(), a.email(), null, null,
                null, null, a.password(), true, List.of("administrator"), null);
        TenantService.Onboarded done = tenants.onboard(me.tenantId(), r.code(), r.name(), r.timeZone(),
                r.defaultLanguage() == null ? "ru" : r.defaultLanguage(), admin);
        CreatedAdmin createdAdmin = done.admin() == null ? null
                : new CreatedAdmin(done.admin().id(), a.login(), done.admin().oneTimePassword());
        return new Created(TenantView.of(done.tenant()), createdAdmin);
    }

    @GetMapping
    @PreAuthorize("hasAuthority('TENANT_MANAGE')")
    @Operation(summary = "Tenants whose code or name contains q, ordered by code, in keyset pages")
    TenantPage search(@AuthenticationPrincipal CurrentUser me,
                                    @RequestParam(required = false) @Size(max = 100) String q,
                                    @RequestParam(required = false) @Pattern(regexp = "active|suspended") String status,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                                    @RequestParam(required = false) @Size(max = 200) String after) {
        requireProvider(me);
        TenantService.TenantPage page = tenants.search(q, status, limit, after);
        return new TenantPage(page.items().stream().map(TenantView::of).toList(), page.next());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('TENANT_MANAGE')")
    TenantView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireProvider(me);
        return TenantView.of(tenants.get(TenantId.of(id)));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('TENANT_MANAGE')")
    TenantView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody EditTenant r) {
        requireProvider(me);
        return TenantView.of(tenants.update(me.tenantId(), TenantId.of(id),
                new TenantService.TenantChanges(r.name(), r.timeZone(), r.defaultLanguage())));
    }

    @PostMapping("/{id}/suspend")
    @PreAuthorize("hasAuthority('TENANT_MANAGE')")
    @Operation(summary = "Suspend a tenant: sign-in and every session and token of its users stop; data stays")
    TenantView suspend(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireProvider(me);
        return TenantView.of(tenants.suspend(me.tenantId(), TenantId.of(id)));
    }

    @PostMapping("/{id}/resume")
    @PreAuthorize("hasAuthority('TENANT_MANAGE')")
    TenantView resume(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        requireProvider(me);
        return TenantView.of(tenants.resume(me.tenantId(), TenantId.of(id)));
    }

    private static void requireProvider(CurrentUser me) {
        if (!IdentityConstants.PROVIDER_TENANT.equals(me.tenantCode())) {
            throw new ForbiddenException("forbidden", "Tenants are managed by the provider");
        }
    }
}
