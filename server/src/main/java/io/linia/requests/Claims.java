package io.linia.requests;

import io.linia.platform.TextInput;
import io.linia.platform.ForbiddenException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.projects.Projects;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * CASE-7 claims: a customer-company user (CLAIM_SEND) sends a claim to the managers of a
 * project it has access to, optionally about one of its requests; the managers are notified by
 * e-mail ({@link ClaimSent}). Managers (PROJECT_MANAGE) read every claim; a customer user its own.
 */
@Service
public class Claims {

    public record Claim(UUID id, UUID projectId, UUID requestId, UUID authorId, String authorName, String text,
                        Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final RequestSetups setups;
    private final Requests requests;
    private final Projects projects;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Claims(JdbcClient jdbc, RequestSetups setups, Requests requests, Projects projects, ApplicationEventPublisher events,
           Clock clock) {
        this.jdbc = jdbc;
        this.setups = setups;
        this.requests = requests;
        this.projects = projects;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Claim send(TenantId tenant, UUID projectId, UUID requestId, String text, Actor actor) {
        if (projectId == null && requestId == null) {
            throw new InvalidInputException("required", "projectId", "Which project (or request) is the claim about?");
        }
        UUID project = projectId;
        if (requestId != null) {
            RequestView r;
            try {
                r = requests.get(tenant, requestId, actor);
            } catch (NotFoundException e) {
                throw new InvalidInputException("unknown_request", "requestId", "No request " + requestId);
            }
            if (project != null && !project.equals(r.projectId())) {
                throw new InvalidInputException("other_project", "requestId", "The request belongs to another project");
            }
            project = r.projectId();
        }
        try {
            projects.get(tenant, project);
        } catch (NotFoundException e) {
            throw new InvalidInputException("unknown_project", "projectId", "No project " + project);
        }
        if (actor.customerOnly() && !setups.projectsOfCustomerUser(tenant, actor.userId()).contains(project)) {
            throw new InvalidInputException("unknown_project", "projectId", "No project " + project);
        }
        String t = TextInput.lines("text", text, 4000);
        if (t == null) {
            throw new InvalidInputException("required", "text", "A claim needs a text");
        }
        Claim c = new Claim(UUID.randomUUID(), project, requestId, actor.userId(), actor.name(), t, clock.instant());
        jdbc.sql("""
                insert into request_claims (tenant_id, id, project_id, request_id, author_id, author_name, text, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(tenant.value(), c.id(), c.projectId(), c.requestId(), c.authorId(), c.authorName(), c.text(),
                        Timestamp.from(c.createdAt())).update();
        events.publishEvent(new ClaimSent(tenant, c.id(), c.projectId(), c.requestId()));
        return c;
    }

    /** Claims newest first: all of the tenant's for a manager, one's own for a customer user. */
    public List<Claim> list(TenantId tenant, UUID projectId, Actor actor) {
        if (!actor.manager() && !actor.customerOnly()) {
            throw new ForbiddenException("forbidden", "Claims are read by project managers and their authors");
        }
        StringBuilder sql = new StringBuilder("select * from request_claims where tenant_id = ?");
        List<Object> params = new ArrayList<>(List.of(tenant.value()));
        if (projectId != null) {
            sql.append(" and project_id = ?");
            params.add(projectId);
        }
        if (!actor.manager()) {
            sql.append(" and author_id = ?");
            params.add(actor.userId());
        }
        sql.append(" order by created_at desc, id limit 500");
        return jdbc.sql(sql.toString()).params(params).query((rs, i) -> new Claim(rs.getObject("id", UUID.class),
                rs.getObject("project_id", UUID.class), rs.getObject("request_id", UUID.class),
                rs.getObject("author_id", UUID.class), rs.getString("author_name"), rs.getString("text"),
                rs.getTimestamp("created_at").toInstant())).list();
    }

    public Claim get(TenantId tenant, UUID id) {
        return jdbc.sql("select * from request_claims where tenant_id = ? and id = ?").params(tenant.value(), id)
                .query((rs, i) -> new Claim(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class),
                        rs.getObject("request_id", UUID.class), rs.getObject("author_id", UUID.class),
                        rs.getString("author_name"), rs.getString("text"), rs.getTimestamp("created_at").toInstant()))
                .optional().orElseThrow(() -> new NotFoundException("claim", id));
    }
}
