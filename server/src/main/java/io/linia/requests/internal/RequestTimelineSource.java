package io.linia.requests.internal;

import io.linia.customers.TimelineEntry;
import io.linia.customers.TimelineSource;
import io.linia.platform.TenantId;
import io.linia.requests.ProjectSetup;
import io.linia.requests.RequestSetups;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The requests on a customer card's timeline (CRM-3): every request linked to the card
 * ({@code requests.customer_id}), at its registration, with its number, subject, current status
 * and the link to its page. Ordered and paged by the SPI's keyset contract on
 * {@code (created_at, id)}.
 */
@Component
class RequestTimelineSource implements TimelineSource {

    static final String TYPE = "request";

    private final JdbcClient jdbc;
    private final RequestSetups setups;

    RequestTimelineSource(JdbcClient jdbc, RequestSetups setups) {
        this.jdbc = jdbc;
        this.setups = setups;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<TimelineEntry> entries(TenantId tenant, Query q) {
        StringBuilder sql = new StringBuilder("""
                select r.id, r.number, r.project_id, r.type_code, r.status_code, r.subject, r.channel, r.created_at
                  from requests r
                 where r.tenant_id = ? and r.customer_id = ?""");
        List<Object> params = new ArrayList<>(List.of(tenant.value(), q.customerId()));
        switch (q.cursorCondition(TYPE)) {
            case ALL -> { }
            case AT_BEFORE -> {
                sql.append(" and r.created_at < ?");
                params.add(Timestamp.from(q.after().at()));
            }
            case AT_OR_BEFORE -> {
                sql.append(" and r.created_at <= ?");
                params.add(Timestamp.from(q.after().at()));
            }
            case AT_ID_BEFORE -> {
                sql.append(" and (r.created_at < ? or r.created_at = ? and r.id::text collate \"C\" < ?)");
                params.add(Timestamp.from(q.after().at()));
                params.add(Timestamp.from(q.after().at()));
                params.add(q.after().id());
            }
        }
        sql.append(" order by r.created_at desc, r.id::text collate \"C\" desc limit ?");
        params.add(q.limit());
        List<TimelineEntry> out = new ArrayList<>();
        Map<UUID, ProjectSetup> setupsById = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            UUID id = rs.getObject("id", UUID.class);
            UUID project = rs.getObject("project_id", UUID.class);
            if (setupsById.isEmpty()) {
                setupsById.putAll(setups.all(tenant));
            }
            ProjectSetup setup = setupsById.get(project);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("number", rs.getLong("number"));
            d.put("subject", rs.getString("subject"));
            d.put("projectId", project);
            d.put("type", rs.getString("type_code"));
            d.put("typeName", setup == null ? null : typeName(setup, rs.getString("type_code")));
            d.put("status", rs.getString("status_code"));
            d.put("statusName", setup == null ? null : statusName(setup, rs.getString("status_code")));
            d.put("channel", rs.getString("channel"));
            d.put("link", "/requests/" + id);
            out.add(new TimelineEntry(TYPE, id.toString(), rs.getTimestamp("created_at").toInstant(), d));
        });
        return out;
    }

    private static String statusName(ProjectSetup setup, String code) {
        return setup.statuses().stream().filter(s -> s.code().equals(code)).map(ProjectSetup.Status::name)
                .findFirst().orElse(code);
    }

    private static String typeName(ProjectSetup setup, String code) {
        return setup.types().stream().filter(t -> t.code().equals(code)).map(ProjectSetup.RequestType::name)
                .findFirst().orElse(code);
    }
}
