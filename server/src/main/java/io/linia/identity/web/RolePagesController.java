package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.identity.RoleService;
import io.linia.platform.LiniaException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The administrator's roles page: every role with its permissions, custom roles created and deleted (ID-3). */
@Controller
class RolePagesController {

    private final RoleService roles;

    RolePagesController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping("/admin/roles")
    @PreAuthorize("hasAnyAuthority('ROLE_MANAGE', 'USER_VIEW')")
    String list(@AuthenticationPrincipal CurrentUser me, Model model) {
        fill(me, model);
        return "admin/roles";
    }

    @PostMapping("/admin/roles")
    @PreAuthorize("hasAuthority('ROLE_MANAGE')")
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam String code, @RequestParam String name,
                  @RequestParam(required = false) List<String> permissions, Model model) {
        String normalized = code.trim().toLowerCase();
        if (!normalized.matches("[a-z0-9_]{1,64}")) {
            return error(me, model, "format", "code", null, code, name, permissions);
        }
        if (name.isBlank() || name.length() > 200) {
            return error(me, model, "required", "name", null, code, name, permissions);
        }
        try {
            roles.create(me.tenantId(), normalized, name, permissions == null ? List.of() : permissions);
            model.addAttribute("created", name.trim());
        } catch (LiniaException e) {
            return error(me, model, e.code(), e.field(), e.getMessage(), code, name, permissions);
        }
        fill(me, model);
        return "admin/roles";
    }

    @PostMapping("/admin/roles/{id}/delete")
    @PreAuthorize("hasAuthority('ROLE_MANAGE')")
    String delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, Model model) {
        try {
            roles.delete(me.tenantId(), id);
            model.addAttribute("deleted", true);
        } catch (LiniaException e) {
            model.addAttribute("error", e.code());
            model.addAttribute("errorDetail", e.getMessage());
        }
        fill(me, model);
        return "admin/roles";
    }

    private String error(CurrentUser me, Model model, String code, String field, String detail, String formCode,
                         String formName, List<String> formPermissions) {
        model.addAttribute("error", code);
        model.addAttribute("errorField", field);
        model.addAttribute("errorDetail", detail);
        model.addAttribute("formCode", formCode);
        model.addAttribute("formName", formName);
        model.addAttribute("formPermissions", formPermissions == null ? List.of() : formPermissions);
        fill(me, model);
        return "admin/roles";
    }

    private void fill(CurrentUser me, Model model) {
        model.addAttribute("roles", roles.list(me.tenantId()));
        model.addAttribute("grantable", roles.grantable(me.tenantId()).stream().map(Permission::name).toList());
        model.addAttribute("canManage", me.can(Permission.ROLE_MANAGE));
        if (!model.containsAttribute("formPermissions")) {
            model.addAttribute("formPermissions", List.of());
        }
    }
}
