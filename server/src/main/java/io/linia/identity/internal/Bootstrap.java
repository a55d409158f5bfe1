package io.linia.identity.internal;

import io.linia.identity.BuiltInRole;
import io.linia.identity.IdentityConstants;
import io.linia.identity.NewUser;
import io.linia.identity.Tenant;
import io.linia.identity.TenantService;
import io.linia.identity.UserService;
import io.linia.platform.tenancy.TenantContext;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates what a fresh installation needs: the {@code provider} tenant with its admin, and
 * unless switched off the {@code demo} tenant with its administrator. Runs on every start
 * and only creates what is missing, so a restart changes nothing.
 */
@Component
@Order(0)
class Bootstrap implements ApplicationRunner {

    public static final String DEMO_TENANT = "demo";
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final TenantService tenants;
    private final UserService users;
    private final BootstrapProperties properties;
    private final PrintStream console;

    Bootstrap(TenantService tenants, UserService users, BootstrapProperties properties) {
        this.tenants = tenants;
        this.users = users;
        this.properties = properties;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> created = new ArrayList<>();
        ensureTenant(IdentityConstants.PROVIDER_TENANT, "Provider", BuiltInRole.PROVIDER_ADMIN, created);
        if (properties.demo()) {
            if (ensureTenant(DEMO_TENANT, "Demo contact center", BuiltInRole.ADMINISTRATOR, created)) {
                Tenant demo = tenants.findByCode(DEMO_TENANT).orElseThrow();
                // people who can sign in beside the demo's virtual agents (issue 3, item 8)
                ensureUser(demo, "operator1", "Оператор Первый", "201", BuiltInRole.OPERATOR, created);
                ensureUser(demo, "operator2", "Оператор Второй", "202", BuiltInRole.OPERATOR, created);
                ensureUser(demo, "supervisor", "Супервизор", "401", BuiltInRole.PROJECT_GROUP_MANAGER, created); // an extension: listen, whisper, barge (ACD-11)
            }
        }
        if (!created.isEmpty()) {
            printOnce(created);
        }
    }

    /** @return whether the tenant was created now */
    private boolean ensureTenant(String code, String name, BuiltInRole adminRole, List<String> created) {
        if (tenants.findByCode(code).isPresent()) {
            return false;
        }
        Tenant tenant = tenants.create(code, name, "Europe/Moscow", "ru");
        ensureUser(tenant, "admin", "Administrator", null, adminRole, created);
        log.info("Created tenant '{}' with user 'admin'", code);
        return true;
    }

    /** A first user with the first-start password rule: the given one, or a printed one-time password. */
    private void ensureUser(Tenant tenant, String login, String fullName, String extension, BuiltInRole role,
                            List<String> created) {
        boolean given = !properties.adminPassword().isBlank();
        String password = given ? properties.adminPassword() : Tokens.newPassword();
        TenantContext.as(tenant.id(), () -> users.create(tenant.id(), new NewUser(login, fullName, null, extension,
                null, null, null, password, !given, List.of(role.code()), Map.of())));
        created.add(String.format("  tenant %-10s login %-11s password %s", tenant.code(), login,
                given ? "(from LINIA_BOOTSTRAP_ADMIN_PASSWORD)" : password));
    }

    /** The one-time passwords go to the console only, never to the structured log. */
    private void printOnce(List<String> lines) {
        StringBuilder sb = new StringBuilder("\n================ Linia: first start ================\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        if (properties.adminPassword().isBlank()) {
            sb.append("  These one-time passwords are shown only now; each must be changed at first sign-in.\n");
        }
        sb.append("====================================================\n");
        console.print(sb);
        console.flush();
    }
}
