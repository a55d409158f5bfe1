package io.linia.identity;

/**
 * The fixed list of permissions (SPEC §2). Roles, built-in or custom, are sets of these;
 * endpoints check them with {@code @PreAuthorize("hasAuthority('…')")}.
 */
public enum Permission {
    // provider level
    TENANT_MANAGE(true, true),
    PLATFORM_POLICY_MANAGE(true, true),
    PLATFORM_HEALTH_VIEW(false, true),
    // tenant administration
    USER_VIEW(false),
    USER_MANAGE(true),
    ROLE_MANAGE(true),
    SECURITY_POLICY_MANAGE(true),
    SETTINGS_MANAGE(true),
    API_TOKEN_MANAGE(true),
    /** Reading the audit log: a permission of its own, in no role but Auditor (AUD-4). */
    AUDIT_READ(false),
    // calls and work
    /** Queues, their settings and members (ACD-1, ACD-2). */
    QUEUE_MANAGE(true),
    /** Drive the simulated switch: place calls, move virtual time (TEL-5). */
    SIMULATION_CONTROL(false),
    CALLS_HANDLE(false),
    STATUS_VIEW(false),
    STATS_OWN_VIEW(false),
    STATS_VIEW(false),
    MONITOR_PROJECTS(false),
    MONITOR_ALL(false),
    /**
     * Supervisor controls (ACD-11, ACD-2): force an agent's state or log them out, add or remove
     * an agent to/from a queue, listen / whisper / barge into a call.
     */
    AGENT_CONTROL(false),
    RECORDING_LISTEN(false),
    CUSTOMER_VIEW(false),
    CUSTOMER_MANAGE(false),
    REQUEST_WORK(false),
    REQUEST_MANAGE(false),
    PROJECT_MANAGE(true),
    TASK_MANAGE(false),
    ALERTS_VIEW(false),
    SCHEDULE_VIEW(false),
    WFM_MANAGE(false),
    CLAIM_SEND(false),
    BILLING_VIEW(false),
    EVALUATION_DISPUTE(false),
    QA_EVALUATE(false),
    QA_TEMPLATE_MANAGE(false),
    HR_MANAGE(false),
    /** Read the knowledge base: published articles of the topics one's roles may read (KB-1, KB-2, KB-4). */
    KB_VIEW(false),
    /** Write the knowledge base: topics and their read rights, articles, drafts, publishing, ties (KB-1, KB-4, KB-5). */
    KB_MANAGE(false);

    private final boolean adminLevel;
    private final boolean providerOnly;

    Permission(boolean adminLevel) {
        this(adminLevel, false);
    }

    Permission(boolean adminLevel, boolean providerOnly) {
        this.adminLevel = adminLevel;
        this.providerOnly = providerOnly;
    }

    /** Provider-level permissions: granted only in the provider's own tenant. */
    public boolean providerOnly() {
        return providerOnly;
    }

    /**
     * Admin-level permissions make their holder an administrator for SEC-4 (idle sessions end)
     * and make the actions they guard audited with before/after (AUD-2).
     */
    public boolean adminLevel() {
        return adminLevel;
    }
}
