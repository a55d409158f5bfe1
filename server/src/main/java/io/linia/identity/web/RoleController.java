package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.RoleService;
import io.linia.identity.RoleView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Roles of the caller's tenant and the permission list they are built from (ID-3, SPEC §2). */
@RestController
@Tag(name = "Roles")
class RoleController {

    record CreateRole(
            @NotBlank @Pattern(regexp = "[a-z0-9_]{1,64}") String code,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(max = 100) List<@NotBlank String> permissions) {
    }

    record EditRole(
            @Size(min = 1, max = 200) String name,
            @Size(max = 100) List<@NotBlank String> permissions) {
    }

    record PermissionView(String code, boolean adminLevel) {
    }

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping("/api/v1/permissions")
    @PreAuthorize("hasAnyAuthority('ROLE_MANAGE', 'USER_VIEW')")
    @Operation(summary = "The permissions a custom role of this tenant may hold")
    List<PermissionView> permissions(@AuthenticationPrincipal CurrentUser me) {
        return roles.grantable(me.tenantId()).stream().map(p -> new PermissionView(p.name(), p.adminLevel())).toList();
    }

    @GetMapping("/api/v1/roles")
    @PreAuthorize("hasAnyAuthority('ROLE_MANAGE', 'USER_VIEW')")
    @Operation(summary = "Built-in and custom roles with their permissions and how many users hold each")
    List<RoleView> list(@AuthenticationPrincipal CurrentUser me) {
        return roles.list(me.tenantId());
    }

    @GetMapping("/api/v1/roles/{id}")
    @PreAuthorize("hasAnyAuthority('ROLE_MANAGE', 'USER_VIEW')")
    RoleView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return roles.get(me.tenantId(), id);
    }

    @PostMapping("/api/v1/roles")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('ROLE_MANAGE')")
    @Operation(summary = "Create a custom role from the permission list")
    RoleView create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody CreateRole r) {
        return roles.create(me.tenantId(), r.code(), r.name(), r.permissions());
    }

    @PatchMapping("/api/v1/roles/{id}")
    @PreAuthorize("hasAuthority('ROLE_MANAGE')")
    @Operation(summary = "Rename a custom role or replace its permissions; holders get them at their next request")
    RoleView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody EditRole r) {
        return roles.update(me.tenantId(), id, r.name(), r.permissions());
    }

    @DeleteMapping("/api/v1/roles/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('ROLE_MANAGE')")
    @Operation(summary = "Delete a custom role nobody holds")
    void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        roles.delete(me.tenantId(), id);
    }
}
