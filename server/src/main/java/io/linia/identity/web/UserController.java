package io.linia.identity.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.NewUser;
import io.linia.identity.UserChanges;
import io.linia.identity.UserQuery;
import io.linia.identity.UserService;
import io.linia.identity.UserView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users of the caller's tenant (ID-2, ID-3). Another tenant's user is "not found". */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users")
class UserController {

    static final String LOGIN = "[A-Za-z0-9._@-]{1,64}";

    record CreateUser(
            @NotBlank @Pattern(regexp = LOGIN) String login,
            @NotBlank @Size(max = 200) String fullName,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "\\d{1,20}") String extension,
            @Pattern(regexp = "\\d{4,8}") String agentPin,
            @Pattern(regexp = "ru|en") String language,
            @Size(max = 64) String timeZone,
            @Size(max = 200) String password,
            List<@NotBlank @Size(max = 64) String> roles,
            Map<@Size(min = 1, max = 64) String, @Min(1) @Max(10) Integer> skills) {
    }

    record Created(UUID id, String oneTimePassword, UserView user) {
    }

    record EditUser(
            @Size(min = 1, max = 200) String fullName,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "\\d{1,20}") String extension,
            @Pattern(regexp = "\\d{4,8}") String agentPin,
            @Pattern(regexp = "ru|en") String language,
            @Size(max = 64) String timeZone,
            List<@NotBlank @Size(max = 64) String> roles,
            Map<@Size(min = 1, max = 64) String, @Min(1) @Max(10) Integer> skills,
            Integer version) {
    }

    record OneTimePassword(String oneTimePassword) {
    }

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Create a user; without a password a one-time password is generated and returned once")
    Created create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody CreateUser r) {
        UserService.CreatedUser created = users.register(me.tenantId(), new NewUser(r.login(), r.fullName().trim(),
                r.email(), r.extension(), r.agentPin(), r.language(), r.timeZone(), r.password(), r.password() != null,
                r.roles(), r.skills()));
        return new Created(created.id(), created.oneTimePassword(), users.get(me.tenantId(), created.id()));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('USER_VIEW')")
    @Operation(summary = "Search users by name or login substring, role, status, extension; keyset pages")
    UserService.UserPage search(@AuthenticationPrincipal CurrentUser me,
                                @RequestParam(required = false) @Size(max = 100) String q,
                                @RequestParam(required = false) @Size(max = 64) String role,
                                @RequestParam(required = false) @Pattern(regexp = "active|blocked|disabled|deleted") String status,
                                @RequestParam(required = false) @Pattern(regexp = "\\d{1,20}") String extension,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
                                @RequestParam(required = false) @Size(max = 400) String after) {
        return users.search(me.tenantId(), new UserQuery(q, role, status, extension, limit, after));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('USER_VIEW')")
    UserView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return users.get(me.tenantId(), id);
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Edit a user; send the version you saw to detect concurrent edits (409 stale_version)")
    UserView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody EditUser r) {
        return users.update(me.tenantId(), id, new UserChanges(r.fullName(), r.email(), r.extension(), r.agentPin(),
                r.language(), r.timeZone(), r.roles(), r.skills(), r.version()));
    }

    @PostMapping("/{id}/block")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    UserView block(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return users.block(me.tenantId(), me.userId(), id);
    }

    @PostMapping("/{id}/unblock")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Unblock a user (also re-enables one disabled for inactivity)")
    UserView unblock(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return users.unblock(me.tenantId(), me.userId(), id);
    }

    @PostMapping("/{id}/unlock")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Lift a lock after failed sign-ins (SEC-2)")
    UserView unlock(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return users.unlock(me.tenantId(), id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    @Operation(summary = "Delete a user softly: history, reports and recordings keep referring to them")
    void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        users.delete(me.tenantId(), me.userId(), id);
    }

    @PostMapping("/{id}/reset-password")
    @PreAuthorize("hasAuthority('USER_MANAGE')")
    OneTimePassword resetPassword(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return new OneTimePassword(users.resetPassword(me.tenantId(), id));
    }
}
