package io.linia.identity;

import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.identity.internal.Account;
import io.linia.identity.internal.AccountRepository;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import java.time.Clock;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Setting and changing passwords under the tenant's policy (SEC-1). */
@Service
public class PasswordService {

    private final AccountRepository accounts;
    private final SecurityPolicies policies;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;

    PasswordService(AccountRepository accounts, SecurityPolicies policies, PasswordEncoder encoder, AuditLog audit,
                    Clock clock) {
        this.accounts = accounts;
        this.policies = policies;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    /** The user changes their own password, giving the current one. */
    @Transactional
    public void changeOwn(TenantId tenant, UUID userId, String currentPassword, String newPassword) {
        Account account = accounts.findById(tenant, userId).orElseThrow(() -> new NotFoundException("user", userId));
        if (currentPassword == null || account.passwordHash() == null
                || !encoder.matches(currentPassword, account.passwordHash())) {
            throw new InvalidInputException("wrong_password", "currentPassword", "The current password is wrong");
        }
        if (newPassword != null && newPassword.equals(currentPassword)) {
            throw new InvalidInputException("password_reused", "newPassword", "The new password must differ from the current one");
        }
        set(tenant, userId, newPassword, false, "newPassword");
        audit.record(new AuditEvent(tenant, userId, account.login(), null, "password.change", "user", userId.toString(),
                "success", null, null));
    }

    /**
     * Checks {@code password} against the policy and stores it.
     *
     * @param field the input field to name in an error
     */
    @Transactional
    public void set(TenantId tenant, UUID userId, String password, boolean mustChange, String field) {
        SecurityPolicy policy = policies.effective(tenant);
        PasswordRules.check(policy, password, field);
        for (String old : accounts.passwordHistory(tenant, userId, Math.max(policy.historySize(), 1))) {
            if (encoder.matches(password, old)) {
                throw new InvalidInputException("password_reused", field,
                        "The password must differ from the last " + policy.historySize() + " passwords");
            }
        }
        accounts.setPassword(tenant, userId, encoder.encode(password), mustChange, clock.instant());
    }
}
