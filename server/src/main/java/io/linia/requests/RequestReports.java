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
 * in a period, grouped by type, channel, executor, project or status. Computed from
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

    public RequestReport run(TenantId tenant, Instant from, Instant to, String by, UUID project, Actor actor) {
        if (from == null) {
            throw new InvalidInputException("required", "from", "The period's start is required");
        }
        if (to == null) {
            throw new InvalidInputException("required", "to", "The period's end is required");
        }
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidInputException("range", "to", "The period is 1 second to 400 days");
        }
        String group = by == null ? "type" : by;
        String column = GROUPS.get(group);
        if (column == null) {
            throw new InvalidInputException("unknown_group", "by", "Group by one of " + GROUPS.keySet());
        }
        StringBuilder where = new StringBuilder("tenant_id = ? and created_at >= ? and created_at < ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), Timestamp.from(from), Timestamp.from(to)));
        if (project != null) {
            where.append(" and project_id = ?");
            params.add(project);
        }
        if (actor.customerOnly()) {
            where.append(" and project_id = any(?)");
            params.add(setups.projectsOfCustomerUser(tenant, actor.userId()).toArray(UUID[]::new));
        }
        String measures = """
                count(*), count(resolved_at), count(*) filter (where resolved_at is null),
                avg(extract(epoch from resolved_at - created_at) / 60) filter (where resolved_at is not null),
                percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at) / 60)
                    filter (where resolved_at is not null),
                count(reaction_overdue_at), count(resolution_overdue_at)""";
        Map<String, String> labels = labels(tenant, group);
        List<RequestReport.Row> rows = jdbc.sql("select " + column + ", " + measures + " from requests where " + where
                        + " group by 1 order by 2 desc, 1")
                .params(params).query((rs, i) -> row(rs, rs.getString(1), labels, tenant, group)).list();
        RequestReport.Row total = jdbc.sql("select 'total', " + measures + " from requests where " + where)
                .params(params).query((rs, i) -> row(rs, "total", Map.of(), tenant, "total")).single();
        return new RequestReport(from, to, group, rows, total);
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
        return new RequestReport.Row(key, label, rs.getLong(2), rs.getLong(3), rs.getLong(4), round(rs.getObject(5)),
                round(rs.getObject(6)), rs.getLong(7), rs.getLong(8));
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

    private static Double round(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 10) / 10.0;
    }
}
