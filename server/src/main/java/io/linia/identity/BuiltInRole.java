package io.linia.identity;

import static io.linia.identity.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles every tenant starts with (SPEC §2). They are stored per tenant, marked built-in,
 * and cannot be changed or deleted; a tenant admin builds custom roles from the same
 * {@link Permission}s. Provider admin exists in the {@code provider} tenant only.
 */
public enum BuiltInRole {
    PROVIDER_ADMIN("provider_admin", "Provider admin",
            EnumSet.of(TENANT_MANAGE, PLATFORM_POLICY_MANAGE, PLATFORM_HEALTH_VIEW, USER_VIEW, USER_MANAGE, ROLE_MANAGE,
                    SECURITY_POLICY_MANAGE, API_TOKEN_MANAGE)),
    ADMINISTRATOR("administrator", "Administrator",
            EnumSet.of(USER_VIEW, USER_MANAGE, ROLE_MANAGE, SECURITY_POLICY_MANAGE, SETTINGS_MANAGE, API_TOKEN_MANAGE,
                    STATUS_VIEW, STATS_VIEW, MONITOR_ALL, AGENT_CONTROL, QUEUE_MANAGE, SIMULATION_CONTROL, KB_VIEW, KB_MANAGE)),
    OPERATOR("operator", "Operator",
            EnumSet.of(CALLS_HANDLE, CUSTOMER_VIEW, CUSTOMER_MANAGE, REQUEST_WORK, STATS_OWN_VIEW, STATUS_VIEW, SCHEDULE_VIEW,
                    EVALUATION_DISPUTE, KB_VIEW)),
    PROJECT_MANAGER("project_manager", "Project manager",
            EnumSet.of(PROJECT_MANAGE, TASK_MANAGE, REQUEST_WORK, REQUEST_MANAGE, CUSTOMER_VIEW, MONITOR_PROJECTS, STATUS_VIEW,
                    STATS_VIEW, ALERTS_VIEW, USER_VIEW, KB_VIEW, KB_MANAGE)),
    PROJECT_GROUP_MANAGER("project_group_manager", "Project group manager",
            EnumSet.of(MONITOR_ALL, AGENT_CONTROL, MONITOR_PROJECTS, STATS_VIEW, STATUS_VIEW, SCHEDULE_VIEW, WFM_MANAGE, ALERTS_VIEW, USER_VIEW, KB_VIEW)),
    CUSTOMER("customer", "Customer",
            EnumSet.of(MONITOR_PROJECTS, STATS_VIEW, RECORDING_LISTEN, REQUEST_WORK, CLAIM_SEND, BILLING_VIEW)),
    EXECUTOR("executor", "Executor",
            EnumSet.of(REQUEST_WORK, STATS_OWN_VIEW, KB_VIEW)),
    QA_SPECIALIST("qa_specialist", "QA specialist",
            EnumSet.of(QA_EVALUATE, RECORDING_LISTEN, REQUEST_WORK, CUSTOMER_VIEW, KB_VIEW)),
    QA_LEAD("qa_lead", "QA lead",
            EnumSet.of(QA_EVALUATE, QA_TEMPLATE_MANAGE, RECORDING_LISTEN, REQUEST_WORK, CUSTOMER_VIEW, STATS_VIEW, KB_VIEW)),
    HR("hr", "HR",
            EnumSet.of(HR_MANAGE, USER_VIEW, SCHEDULE_VIEW, KB_VIEW)),
    AUDITOR("auditor", "Auditor",
            EnumSet.of(AUDIT_READ));

    private final String code;
    private final String displayName;
    private final Set<Permission> permissions;

    BuiltInRole(String code, String displayName, Set<Permission> permissions) {
        this.code = code;
        this.displayName = displayName;
        this.permissions = Set.copyOf(permissions);
    }

    public String code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Every built-in role except provider admin: what a new customer tenant gets. */
    public static Set<BuiltInRole> forTenant(boolean provider) {
        EnumSet<BuiltInRole> roles = EnumSet.allOf(BuiltInRole.class);
        if (!provider) {
            roles.remove(PROVIDER_ADMIN);
        }
        return roles;
    }
}
