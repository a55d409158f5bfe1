package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.NewUser;
import io.linia.identity.UserQuery;
import io.linia.identity.UserService;
import io.linia.platform.LiniaException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The administrator's users page: search the list, create a user (ID-2). */
@Controller
class UserPagesController {

    private static final Pattern LOGIN = Pattern.compile(UserController.LOGIN);

    private final UserService users;
    private final JdbcClient jdbc;

    UserPagesController(UserService users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    @GetMapping("/admin/users")
    @PreAuthorize("hasAuthority('USER_VIEW')")
    String list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q, Model model) {
        fill(me, q, model);
        return "admin/users";
    }

    /** htmx swaps the table body as the administrator types. */
    @GetMapping("/admin/users/rows")
    @PreAuthorize("hasAuthority('USER_VIEW')")
    String rows(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q, Model model) {
        fill(me, q, model);
        return "admin/users :: rows";
    }

    @PostMapping("/admin/users")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    String create(@AuthenticationPrincipal CurrentUser me, @RequestParam String login, @RequestParam String fullName,
                  @RequestParam(required = false) String email, @RequestParam(required = false) String extension,
                  @RequestParam String role, @RequestParam(required = false) String password, Model model) {
        Map<String, String> form = Map.of("login", login, "fullName", fullName, "email", blankToEmpty(email),
                "extension", blankToEmpty(extension), "role", role);
        String error = null;
        String field = null;
        if (!LOGIN.matcher(login).matches()) {
            error = "format";
            field = "login";
        } else if (fullName.isBlank() || fullName.length() > 200) {
            error = "required";
            field = "fullName";
        } else if (!blankToEmpty(extension).isEmpty() && !extension.matches("\\d{1,20}")) {
            error = "format";
            field = "extension";
        }
        if (error == null) {
            try {
                UserService.CreatedUser created = users.register(me.tenantId(), new NewUser(login.trim(), fullName.trim(),
                        blankToNull(email), blankToNull(extension), null, null, null, blankToNull(password),
                        blankToNull(password) != null, List.of(role), Map.of()));
                model.addAttribute("created", login.trim());
                model.addAttribute("oneTimePassword", created.oneTimePassword());
            } catch (LiniaException e) {
                error = e.code();
                field = e.field();
                model.addAttribute("errorDetail", e.getMessage());
            }
        }
        model.addAttribute("error", error);
        model.addAttribute("errorField", field);
        model.addAttribute("form", error == null ? Map.of() : form);
        fill(me, null, model);
        return "admin/users";
    }

    private void fill(CurrentUser me, String q, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        model.addAttribute("q", q);
        model.addAttribute("users", users.search(me.tenantId(), new UserQuery(q, null, null, null, 200, null)).items());
        model.addAttribute("roles", jdbc.sql("select code from roles where tenant_id = ? order by builtin desc, code")
                .param(me.tenantId().value()).query(String.class).list());
        model.addAttribute("canManage", me.can(io.linia.identity.Permission.USER_MANAGE));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s;
    }
}
