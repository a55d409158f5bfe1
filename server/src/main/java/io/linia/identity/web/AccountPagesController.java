package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.PasswordService;
import io.linia.platform.LiniaException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page, the home page and the password change page. */
@Controller
class AccountPagesController {

    private final PasswordService passwords;
    private final TenantFromHost tenantFromHost;

    AccountPagesController(PasswordService passwords, TenantFromHost tenantFromHost) {
        this.passwords = passwords;
        this.tenantFromHost = tenantFromHost;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String tenant,
                 HttpServletRequest request, Model model) {
        model.addAttribute("error", error);
        model.addAttribute("tenant", tenant);
        model.addAttribute("tenantFromHost", tenantFromHost.tenantOf(request).orElse(null));
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("user", user);
        return "home";
    }

    @GetMapping("/password")
    String passwordForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("user", user);
        return "password";
    }

    @PostMapping("/password")
    String changePassword(@AuthenticationPrincipal CurrentUser user, @RequestParam String currentPassword,
                          @RequestParam String newPassword, @RequestParam String confirmPassword, Model model) {
        model.addAttribute("user", user);
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("error", "password_mismatch");
            return "password";
        }
        try {
            passwords.changeOwn(user.tenantId(), user.userId(), currentPassword, newPassword);
        } catch (LiniaException e) {
            model.addAttribute("error", e.code());
            model.addAttribute("errorDetail", e.getMessage());
            return "password";
        }
        return "redirect:/?passwordChanged";
    }
}
