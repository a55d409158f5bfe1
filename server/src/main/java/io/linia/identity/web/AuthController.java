package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.PasswordService;
import io.linia.identity.internal.LoginService;
import io.linia.identity.internal.TokenService;
import io.linia.platform.web.ClientAddress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in for API clients, the signed-in user, and changing one's own password. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    record TokenRequest(@NotBlank @Size(max = 63) String tenant, @NotBlank @Size(max = 64) String login,
                        @NotBlank @Size(max = 200) String password) {
    }

    record TokenResponse(String token, String tokenType, Instant expiresAt, boolean mustChangePassword) {
    }

    record Me(UUID tenantId, String tenant, UUID userId, String login, String fullName, String language,
              List<String> permissions, boolean mustChangePassword) {
    }

    record PasswordChange(@NotBlank @Size(max = 200) String currentPassword, @NotBlank @Size(max = 200) String newPassword) {
    }

    private final LoginService logins;
    private final TokenService tokens;
    private final PasswordService passwords;

    AuthController(LoginService logins, TokenService tokens, PasswordService passwords) {
        this.logins = logins;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    @PostMapping("/token")
    @Operation(summary = "Sign in with tenant, login and password; returns a bearer token")
    TokenResponse token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        CurrentUser user = logins.login(request.tenant(), request.login(), request.password(), ClientAddress.of(http));
        TokenService.IssuedToken issued = tokens.issueSessionToken(user);
        return new TokenResponse(issued.token(), "Bearer", issued.expiresAt(), user.mustChangePassword());
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user and their effective permissions")
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return new Me(user.tenantId().value(), user.tenantCode(), user.userId(), user.login(), user.fullName(),
                user.language(), user.permissions().stream().map(Enum::name).sorted().toList(), user.mustChangePassword());
    }

    @PostMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change one's own password (required after a one-time password)")
    void changePassword(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody PasswordChange request) {
        passwords.changeOwn(user.tenantId(), user.userId(), request.currentPassword(), request.newPassword());
    }
}
