package io.linia.requests;

import io.linia.identity.UserService;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.projects.Projects;
import io.linia.requests.internal.SetupRules;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * CASE-6 analytic report: volumes, times to resolve and SLA breaches of the requests registered
 * in a period, grouped by type, channel, executor, project or status and narrowed by project,
 * type, status or executor. Computed from
 * {@code requests} with one grouped query (under the tenant's policy and an explicit tenant
 * filter); a customer-company user sees its projects only.
 */
@Service
public class RequestReports {

    public static final Map<String, String> GROUPS = Map.of("type", "type_code", "channel", "channel",
            "executor", "coalesce(executor_id::text, '')", "project", "project_id::text", "status", "status_code");
    static final Duration MAX_PERIOD = Duration.ofDays(400);

    private final JdbcClient jdbc;
    private final RequestSetups setups;
    private final Projects projects;
    private final UserService users;

    RequestReports(JdbcClient jdbc, RequestSetups setups, Projects projects, UserService users) {
        this.jdbc = jdbc;
        this.setups = setups;
        this.projects = projects;
        this.users = users;
    }

    /** The report for {@code q}, of the requests {@code actor} may see. */
    public RequestReport run(TenantId tenant, RequestReportQuery q, Actor actor) {
        if (q.from() == null) {
            throw new InvalidInputException("required", "from", "The period's start is required");
        }
        if (q.to() == null) {
            throw new InvalidInputException("required", "to", "The period's end is required");
        }
        if (!q.to().isAfter(q.from()) || Duration.between(q.from(), q.to()).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException("range", "to", "The period is 1 second to 400 days");
        }
        String group = q.by() == null || q.by().isBlank() ? "type" : q.by().strip();
        String column = GROUPS.get(group);
        if (column == null) {
            throw new InvalidInputException("unknown_group", "by", "Group by one of " + GROUPS.keySet());
        }
        StringBuilder where = new StringBuilder("tenant_id = ? and created_at >= ? and created_at < ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), Timestamp.from(q.from()), Timestamp.from(q.to())));
        List<UUID> visible = actor.customerOnly() ? setups.projectsOfCustomerUser(tenant, actor.userId()) : null;
        if (q.project() != null) {
            projects.get(tenant, q.project()); // another tenant's project: 404
            if (visible != null && !visible.contains(q.project())) {
                throw new NotFoundException("project", q.project());
            }
            where.append(" and project_id = ?");
            params.add(q.project());
        }
        if (visible != null) {
            where.append(" and project_id = any(?)");
            params.add(visible.toArray(UUID[]::new));
        }
        if (q.type() != null && !q.type().isBlank()) {
            where.append(" and type_code = ?");
            params.add(code("type", q.type()));
        }
        if (q.status() != null && !q.status().isBlank()) {
            where.append(" and status_code = ?");
            params.add(code("status", q.status()));
        }
        if (q.executor() != null) {
            try {
                users.get(tenant, q.executor());
            } catch (NotFoundException e) {
                throw new InvalidInputException("unknown_executor", "executor", "No user " + q.executor());
            }
            where.append(" and executor_id = ?");
            params.add(q.executor());
        }
        String measures = """
                count(*), count(resolved_at), count(*) filter (where resolved_at is null),
                avg(extract(epoch from resolved_at - created_at)) filter (where resolved_at is not null),
                percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at))
                    filter (where resolved_at is not null),
                count(reaction_overdue_at), count(resolution_overdue_at)""";
        Map<String, String> labels = labels(tenant, group);
        List<RequestReport.Row> rows = jdbc.sql("select " + column + ", " + measures + " from requests where " + where
                        + " group by 1 order by 2 desc, 1")
                .params(params).query((rs, i) -> row(rs, rs.getString(1), labels, tenant, group)).list();
        RequestReport.Row total = jdbc.sql("select 'total', " + measures + " from requests where " + where)
                .params(params).query((rs, i) -> row(rs, "total", Map.of(), tenant, "total")).single();
        return new RequestReport(q.from(), q.to(), group, rows, total);
    }

    private static String code(String field, String value) {
        String v = value.strip();
        if (v.length() > 64) {
            throw new InvalidInputException("too_long", field, "A code has at most 64 characters");
        }
        return v;
    }

    private RequestReport.Row row(ResultSet rs, String key, Map<String, String> labels, TenantId tenant, String group)
            throws SQLException {
        String label = labels.getOrDefault(key, key);
        if (group.equals("executor") && !key.isEmpty()) {
            try {
                label = users.get(tenant, UUID.fromString(key)).fullName();
            } catch (NotFoundException e) {
                label = key;
            }
        }
        Double avg = rs.getObject(5) == null ? null : rs.getDouble(5); // numeric since PostgreSQL 14
        Double median = rs.getObject(6) == null ? null : rs.getDouble(6);
        return new RequestReport.Row(key, label, rs.getLong(2), rs.getLong(3), rs.getLong(4), minutes(avg),
                minutes(median), rs.getLong(7), rs.getLong(8), seconds(avg), seconds(median));
    }

    private Map<String, String> labels(TenantId tenant, String group) {
        Map<String, String> out = new HashMap<>();
        List<ProjectSetup> all = new ArrayList<>(setups.all(tenant).values());
        all.add(SetupRules.defaults());
        switch (group) {
            case "type" -> all.forEach(s -> s.types().forEach(t -> out.putIfAbsent(t.code(), t.name())));
            case "status" -> all.forEach(s -> s.statuses().forEach(t -> out.putIfAbsent(t.code(), t.name())));
            case "project" -> projects.list(tenant, false).forEach(p -> out.put(p.id().toString(), p.name()));
            default -> { }
        }
        return out;
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : Math.round(seconds / 6) / 10.0;
    }

    private static Long seconds(Double seconds) {
        return seconds == null ? null : Math.round(seconds);
    }
}
