package io.linia.projects.web;

import io.linia.identity.CurrentUser;
import io.linia.projects.ProjectDraft;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.projects.VipDraft;
import io.linia.projects.VipEntry;
import io.linia.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects and their VIP lists (CASE-2, CRM-4); docs/projects.md. Changing needs
 * PROJECT_MANAGE; reading, PROJECT_MANAGE or REQUEST_WORK; the VIP look-up, CUSTOMER_VIEW or
 * PROJECT_MANAGE.
 */
@RestController
@RequestMapping("/api/v1/projects")
@Tag(name = "Projects", description = "Projects, their managers and members, VIP lists (CASE-2, CRM-4)")
class ProjectController {

    private final Projects projects;

    ProjectController(Projects projects) {
        this.projects = projects;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'REQUEST_WORK')")
    @Operation(summary = "The tenant's projects in code order", description = "active=true leaves out switched-off ones")
    List<ProjectView> list(@AuthenticationPrincipal CurrentUser me, @RequestParam(defaultValue = "false") boolean active) {
        return projects.list(me.tenantId(), active);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'REQUEST_WORK')")
    ProjectView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return projects.get(me.tenantId(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    @Operation(summary = "Create a project", description = "409 duplicate_code when the code is taken in the tenant")
    ProjectView create(@AuthenticationPrincipal CurrentUser me, @RequestBody ProjectDraft draft) {
        return projects.create(me.tenantId(), draft);
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    @Operation(summary = "Change a project", description = "Absent fields stay; managers/members replace their lists; "
            + "active=false switches it off; version detects concurrent edits (409 stale_version)")
    ProjectView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody ProjectDraft draft) {
        return projects.update(me.tenantId(), id, draft);
    }

    @GetMapping("/{id}/vips")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'CUSTOMER_VIEW')")
    @Operation(summary = "The project's VIP list, highest priority first (CRM-4)")
    List<VipEntry> vips(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return projects.vips(me.tenantId(), id);
    }

    @PutMapping("/{id}/vips/{customerId}")
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    @Operation(summary = "Put a customer card on the VIP list or change its priority (1..100, default 50)")
    VipEntry putVip(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID customerId,
                    @RequestBody(required = false) VipDraft draft) {
        return projects.putVip(me.tenantId(), id, customerId, draft);
    }

    @DeleteMapping("/{id}/vips/{customerId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    void deleteVip(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID customerId) {
        projects.deleteVip(me.tenantId(), id, customerId);
    }

    @GetMapping("/vip")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'CUSTOMER_VIEW')")
    @Operation(summary = "Is this card or caller number VIP, in which active projects, with what priority (CRM-4)",
            description = "Give customerId or phone (any format the switch gives). An empty list: not VIP.")
    List<VipEntry> vip(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) UUID customerId,
                       @RequestParam(required = false) String phone) {
        if ((customerId == null) == (phone == null)) {
            throw new InvalidInputException("required", "customerId", "Give either customerId or phone");
        }
        return customerId != null ? projects.vipOf(me.tenantId(), customerId) : projects.vipByPhone(me.tenantId(), phone);
    }
}
