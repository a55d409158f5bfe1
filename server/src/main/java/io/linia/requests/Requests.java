package io.linia.requests;

import io.linia.platform.TextInput;
import io.linia.acd.CallHistory;
import io.linia.acd.CallRecord;
import io.linia.audit.AuditEvent;
import io.linia.audit.AuditLog;
import io.linia.customers.CustomerSummary;
import io.linia.customers.CustomerView;
import io.linia.customers.Customers;
import io.linia.identity.UserService;
import io.linia.platform.ConflictException;
import io.linia.platform.ForbiddenException;
import io.linia.platform.InvalidInputException;
import io.linia.platform.NotFoundException;
import io.linia.platform.TenantId;
import io.linia.platform.crypto.ConfidentialStorageDisabledException;
import io.linia.platform.crypto.TenantCrypto;
import io.linia.projects.ProjectView;
import io.linia.projects.Projects;
import io.linia.requests.HistoryEntry.Change;
import io.linia.requests.internal.FieldValues;
import io.linia.requests.internal.RequestRepository;
import io.linia.requests.internal.RequestRow;
import io.linia.requests.internal.RequestSearch;
import io.linia.requests.internal.SetupRules;
import io.linia.requests.internal.SlaSweep;
import io.linia.requests.internal.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Requests (CASE-1, CASE-3, CASE-5, CASE-6). Each change is one transaction: check, store, add
 * the history entry (who, when, what, field by field), publish the event; after commit the SLA
 * sweep is asked to run at the request's next deadline ({@link SlaSweep}).
 *
 * <p>Who sees what: a customer-company user ({@link Actor#customerOnly()}) sees only the requests
 * of the projects whose setup grants it access, and changes none (403); others see the tenant's
 * requests. A request of another tenant, or one the actor may not see, is 404.
 *
 * <p>SLA: the reaction deadline is registration + the type's {@code reactionMinutes}, met when the
 * request first leaves the initial status; the resolution deadline is the request's
 * {@code dueAt} if set, else registration + {@code resolutionMinutes}, met when it reaches a final
 * status. A deadline passed unmet is marked overdue once, written to the history and published as
 * {@link RequestOverdue} (the escalation: notifications to the project's managers). The stored
 * deadlines are swept by {@link SlaSweep}, so escalation survives restarts and runs once with
 * several nodes.
 */
@Service
public class Requests {

    public static final Set<String> CHANNELS = Set.of("MANUAL", "API", "CALL", "EMAIL", "CHAT", "MESSENGER", "WEB");
    static final String HIDDEN = "***";

    private final RequestRepository rows;
    private final RequestSearch search;
    private final RequestSetups setups;
    private final Projects projects;
    private final Customers customers;
    private final UserService users;
    private final CallHistory calls;
    private final TenantCrypto crypto;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final SlaSweep sla;
    private final Clock clock;

    Requests(RequestRepository rows, RequestSearch search, RequestSetups setups, Projects projects, Customers customers,
             UserService users, CallHistory calls, TenantCrypto crypto, AuditLog audit, ApplicationEventPublisher events,
             SlaSweep sla, Clock clock) {
        this.rows = rows;
        this.search = search;
        this.setups = setups;
        this.projects = projects;
        this.customers = customers;
        this.users = users;
        this.calls = calls;
        this.crypto = crypto;
        this.audit = audit;
        this.events = events;
        this.sla = sla;
        this.clock = clock;
    }

    /** Registers a request (CASE-1); {@code channel} is the draft's or {@code defaultChannel}. */
    @Transactional
    public RequestView create(TenantId tenant, RequestDraft d, Actor actor, String defaultChannel) {
        writer(actor);
        if (d.projectId() == null) {
            throw new InvalidInputException("required", "projectId", "A request belongs to a project");
        }
        ProjectView project;
        try {
            project = projects.get(tenant, d.projectId());
        } catch (NotFoundException e) {
            throw new InvalidInputException("unknown_project", "projectId", "No project " + d.projectId());
        }
        if (!project.active()) {
            throw new InvalidInputException("project_inactive", "projectId", "The project is switched off");
        }
        ProjectSetup setup = setups.get(tenant, project.id());
        String type;
        if (d.type() == null && setup.types().size() == 1) {
            type = setup.types().get(0).code();
        } else {
            type = Texts.code("type", d.type());
        }
        ProjectSetup.RequestType t = SetupRules.type(setup, type).orElseThrow(() ->
                new InvalidInputException("unknown_type", "type", "The project has no request type '" + type + "'"));
        String subject = TextInput.required("subject", d.subject(), 300);
        String description = TextInput.lines("description", d.description(), 10000);
        String channel = d.channel() == null ? defaultChannel : d.channel().strip().toUpperCase(java.util.Locale.ROOT);
        if (!CHANNELS.contains(channel)) {
            throw new InvalidInputException("unknown_channel", "channel", "A channel is one of " + CHANNELS);
        }
        String callId = TextInput.line("callId", d.callId(), 64);
        CustomerView customer = customer(tenant, d.customerId());
        Map<String, String> values = FieldValues.changes(setup, type, d.fields(), Set.of());
        UUID executor = d.executorId();
        String group = d.group() == null ? null : Texts.code("group", d.group());
        checkAssignment(tenant, setup, t, executor, group);
        if (executor == null && group == null) {
            executor = route(tenant, project.id(), setup, t);
            group = executor == null && !t.groups().isEmpty() ? t.groups().get(0) : null;
        }
        Instant now = clock.instant();
        Instant reactionDue = t.reactionMinutes() == null ? null
                : SlaSweep.stored(now.plus(Duration.ofMinutes(t.reactionMinutes())));
        Instant resolutionDue = resolutionDue(t, now, d.dueAt());
        UUID id = UUID.randomUUID();
        RequestRow row = new RequestRow(id, rows.nextNumber(tenant), project.id(), type, SetupRules.initial(setup).code(),
                subject, description, channel, callId, customer == null ? null : customer.id(),
                customer == null ? null : customer.displayName(), executor, group, d.dueAt(), reactionDue, resolutionDue,
                null, null, null, null, actor.userId(), actor.name(), now, now, 0);
        rows.insert(tenant, row);
        storeValues(tenant, id, setup, type, values);
        List<Change> changes = new ArrayList<>();
        changes.add(new Change("type", null, type));
        changes.add(new Change("status", null, row.status()));
        changes.add(new Change("subject", null, subject));
        add(changes, "description", null, description);
        add(changes, "customerId", null, row.customerId());
        add(changes, "executorId", null, executor);
        add(changes, "group", null, group);
        add(changes, "dueAt", null, d.dueAt());
        changes.addAll(fieldChanges(setup, type, Map.of(), values));
        rows.addHistory(tenant, id, now, actor.userId(), actor.name(), "created", changes, null);
        events.publishEvent(new RequestRegistered(tenant, id, project.id(), row.customerId(), channel));
        wakeSweepAfterCommit(row);
        return view(tenant, rows.find(tenant, id).orElseThrow(), setup, false);
    }

    /**
     * Registers a request from a call (CASE-1, "one click from the call"): channel CALL, the call
     * id kept, and unless the draft names a customer, the first card the caller's number matches
     * ({@link Customers#byPhone}). 422 {@code unknown_call} for a call the tenant does not have.
     */
    @Transactional
    public RequestView createFromCall(TenantId tenant, String callId, RequestDraft d, Actor actor) {
        String id = TextInput.line("callId", callId, 64);
        if (id == null) {
            throw new InvalidInputException("required", "callId", "Which call?");
        }
        CallRecord call = calls.call(tenant, id).orElseThrow(() ->
                new InvalidInputException("unknown_call", "callId", "No call " + id));
        UUID customer = d.customerId();
        if (customer == null && call.caller() != null) {
            customer = customers.byPhone(tenant, call.caller()).stream().findFirst().map(CustomerSummary::id).orElse(null);
        }
        String subject = d.subject() != null ? d.subject() : "Call from " + (call.caller() == null ? "unknown" : call.caller());
        return create(tenant, new RequestDraft(d.projectId(), d.type(), subject, d.description(), customer, "CALL", id,
                d.fields(), d.executorId(), d.group(), d.dueAt(), null), actor, "CALL");
    }

    public RequestView get(TenantId tenant, UUID id, Actor actor) {
        RequestRow row = visible(tenant, id, actor);
        return view(tenant, row, setups.get(tenant, row.projectId()), false);
    }

    /** The request with confidential values decrypted; audited as {@code request.confidential_read} (AUD-3). */
    @Transactional
    public RequestView reveal(TenantId tenant, UUID id, Actor actor) {
        writer(actor);
        RequestRow row = visible(tenant, id, actor);
        RequestView v = view(tenant, row, setups.get(tenant, row.projectId()), true);
        if (!v.hiddenFields().isEmpty()) {
            audit.record(AuditEvent.change(tenant, "request.confidential_read", "request", id, null,
                    Map.of("fields", v.hiddenFields())));
        }
        return v;
    }

    /** Changes a request; {@link RequestDraft} says how each field is read. */
    @Transactional
    public RequestView update(TenantId tenant, UUID id, RequestDraft d, Actor actor) {
        writer(actor);
        RequestRow before = visible(tenant, id, actor);
        checkVersion(d.version(), before.version());
        if (d.projectId() != null && !d.projectId().equals(before.projectId())
                || d.type() != null && !d.type().equals(before.type())
                || d.channel() != null && !d.channel().equalsIgnoreCase(before.channel())
                || d.callId() != null && !d.callId().equals(before.callId())) {
            throw new InvalidInputException("immutable", d.projectId() != null ? "projectId" : d.type() != null ? "type"
                    : d.channel() != null ? "channel" : "callId", "Project, type, channel and call are fixed once registered");
        }
        ProjectSetup setup = setups.get(tenant, before.projectId());
        ProjectSetup.RequestType t = SetupRules.type(setup, before.type()).orElseThrow();
        String subject = d.subject() == null ? before.subject() : TextInput.required("subject", d.subject(), 300);
        String description = d.description() == null ? before.description() : TextInput.lines("description", d.description(), 10000);
        UUID customerId = before.customerId();
        String customerName = before.customerName();
        if (d.customerId() != null && !d.customerId().equals(before.customerId())) {
            CustomerView c = customer(tenant, d.customerId());
            customerId = c.id();
            customerName = c.displayName();
        }
        Map<String, RequestRepository.StoredValue> stored = rows.values(tenant, id);
        Map<String, String> values = FieldValues.changes(setup, before.type(), d.fields(), stored.keySet());
        UUID executor = d.executorId() == null ? before.executorId() : d.executorId();
        String group = d.group() == null ? before.group() : d.group().isBlank() ? null : Texts.code("group", d.group());
        if (!Objects.equals(executor, before.executorId()) || !Objects.equals(group, before.group())) {
            checkAssignment(tenant, setup, t, executor, group);
        }
        Instant dueAt = d.dueAt() == null ? before.dueAt() : d.dueAt();
        Instant now = clock.instant();
        Instant resolutionDue = resolutionDue(t, before.createdAt(), dueAt);
        Instant resolutionOverdue = before.resolutionOverdueAt();
        if (resolutionOverdue != null && resolutionDue != null && resolutionDue.isAfter(now)) {
            resolutionOverdue = null; // a new due date in the future starts the resolution deadline again
        }
        RequestRow after = new RequestRow(id, before.number(), before.projectId(), before.type(), before.status(), subject,
                description, before.channel(), before.callId(), customerId, customerName, executor, group, dueAt,
                before.reactionDueAt(), resolutionDue, before.reactedAt(), before.resolvedAt(), before.reactionOverdueAt(),
                resolutionOverdue, before.createdBy(), before.createdByName(), before.createdAt(), now, before.version());
        List<Change> changes = new ArrayList<>();
        add(changes, "subject", before.subject(), subject);
        add(changes, "description", before.description(), description);
        add(changes, "customerId", before.customerId(), customerId);
        add(changes, "executorId", before.executorId(), executor);
        add(changes, "group", before.group(), group);
        add(changes, "dueAt", before.dueAt(), dueAt);
        Map<String, String> oldPlain = new HashMap<>();
        stored.forEach((k, v) -> oldPlain.put(k, v.secret() != null ? HIDDEN : v.value()));
        changes.addAll(fieldChanges(setup, before.type(), oldPlain, values));
        if (changes.isEmpty()) {
            return view(tenant, before, setup, false);
        }
        if (!rows.update(tenant, after, before.version())) {
            throw stale();
        }
        storeValues(tenant, id, setup, before.type(), values);
        rows.addHistory(tenant, id, now, actor.userId(), actor.name(), "updated", changes, null);
        wakeSweepAfterCommit(after);
        return view(tenant, rows.find(tenant, id).orElseThrow(), setup, false);
    }

    /**
     * Moves the request to another status by an operation of its project (CASE-2); anything the
     * project's operations do not allow is refused: 422 {@code transition_not_allowed} naming
     * {@code status} (or {@code operation}).
     */
    @Transactional
    public RequestView transition(TenantId tenant, UUID id, Transition tr, Actor actor) {
        writer(actor);
        RequestRow before = visible(tenant, id, actor);
        checkVersion(tr.version(), before.version());
        ProjectSetup setup = setups.get(tenant, before.projectId());
        String target;
        String field;
        if (tr.operation() != null) {
            field = "operation";
            String code = Texts.code("operation", tr.operation());
            ProjectSetup.Operation op = setup.operations().stream().filter(o -> o.code().equals(code)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("unknown_operation", "operation", "No operation '" + code + "'"));
            target = op.to();
        } else {
            field = "status";
            target = Texts.code("status", tr.status());
            if (SetupRules.status(setup, target).isEmpty()) {
                throw new InvalidInputException("unknown_status", "status", "The project has no status '" + target + "'");
            }
        }
        ProjectSetup.Operation op = SetupRules.transition(setup, before.status(), target)
                .filter(o -> tr.operation() == null || o.code().equals(tr.operation().strip()))
                .orElseThrow(() -> new InvalidInputException("transition_not_allowed", field,
                        "The project does not allow '" + before.status() + "' → '" + target + "'"));
        String comment = TextInput.lines("comment", tr.comment(), 4000);
        Instant now = clock.instant();
        boolean closing = SetupRules.status(setup, target).orElseThrow().closing();
        boolean leavingInitial = before.status().equals(SetupRules.initial(setup).code());
        RequestRow after = new RequestRow(id, before.number(), before.projectId(), before.type(), target, before.subject(),
                before.description(), before.channel(), before.callId(), before.customerId(), before.customerName(),
                before.executorId(), before.group(), before.dueAt(), before.reactionDueAt(), before.resolutionDueAt(),
                before.reactedAt() == null && leavingInitial ? now : before.reactedAt(), closing ? now : null,
                before.reactionOverdueAt(), before.resolutionOverdueAt(), before.createdBy(), before.createdByName(),
                before.createdAt(), now, before.version());
        if (!rows.update(tenant, after, before.version())) {
            throw stale();
        }
        rows.addHistory(tenant, id, now, actor.userId(), actor.name(), "status:" + op.code(),
                List.of(new Change("status", before.status(), target)), comment);
        events.publishEvent(new RequestStatusChanged(tenant, id, before.status(), target));
        wakeSweepAfterCommit(after);
        return view(tenant, rows.find(tenant, id).orElseThrow(), setup, false);
    }

    @Transactional
    public RequestView addTask(TenantId tenant, UUID id, TaskDraft draft, Actor actor) {
        writer(actor);
        RequestRow r = visible(tenant, id, actor);
        String title = TextInput.required("title", draft.title(), 300);
        if (draft.assigneeId() != null) {
            user(tenant, "assigneeId", draft.assigneeId());
        }
        Instant now = clock.instant();
        RequestView.Task task = new RequestView.Task(UUID.randomUUID(), title, draft.assigneeId(), draft.dueAt(),
                Boolean.TRUE.equals(draft.done()) ? now : null, now);
        rows.insertTask(tenant, id, task, actor.userId());
        rows.touch(tenant, id, now);
        rows.addHistory(tenant, id, now, actor.userId(), actor.name(), "task_added",
                List.of(new Change("tasks." + task.id(), null, title)), null);
        return view(tenant, rows.find(tenant, id).orElseThrow(), setups.get(tenant, r.projectId()), false);
    }

    @Transactional
    public RequestView updateTask(TenantId tenant, UUID id, UUID taskId, TaskDraft draft, Actor actor) {
        writer(actor);
        RequestRow r = visible(tenant, id, actor);
        RequestView.Task before = rows.tasks(tenant, id).stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("task", taskId));
        String title = draft.title() == null ? before.title() : TextInput.required("title", draft.title(), 300);
        if (draft.assigneeId() != null) {
            user(tenant, "assigneeId", draft.assigneeId());
        }
        Instant now = clock.instant();
        Instant done = draft.done() == null ? before.doneAt() : draft.done() ? (before.doneAt() == null ? now : before.doneAt()) : null;
        RequestView.Task after = new RequestView.Task(taskId, title,
                draft.assigneeId() == null ? before.assigneeId() : draft.assigneeId(),
                draft.dueAt() == null ? before.dueAt() : draft.dueAt(), done, before.createdAt());
        rows.updateTask(tenant, id, after);
        rows.touch(tenant, id, now);
        List<Change> changes = new ArrayList<>();
        String p = "tasks." + taskId + ".";
        add(changes, p + "title", before.title(), after.title());
        add(changes, p + "assigneeId", before.assigneeId(), after.assigneeId());
        add(changes, p + "dueAt", before.dueAt(), after.dueAt());
        add(changes, p + "done", before.doneAt() != null, after.doneAt() != null);
        rows.addHistory(tenant, id, now, actor.userId(), actor.name(), "task_updated", changes, null);
        return view(tenant, rows.find(tenant, id).orElseThrow(), setups.get(tenant, r.projectId()), false);
    }

    /** CASE-5: every change of the request, oldest first. */
    public List<HistoryEntry> history(TenantId tenant, UUID id, Actor actor) {
        visible(tenant, id, actor);
        return rows.history(tenant, id);
    }

    /**
     * CASE-5: a project manager deletes some entries of a request's history. The deleted entries
     * go to the audit log ({@code request.history_delete}, before = the entries), so the deletion
     * itself is never lost. Unknown ids are a 422 naming {@code entries[i]}; nothing is deleted then.
     */
    @Transactional
    public void deleteHistory(TenantId tenant, UUID id, List<Long> entryIds, Actor actor) {
        if (!actor.manager() || actor.customerOnly()) {
            throw new ForbiddenException("forbidden", "Only a project manager deletes history");
        }
        visible(tenant, id, actor);
        if (entryIds == null || entryIds.isEmpty()) {
            throw new InvalidInputException("required", "entries", "Which entries?");
        }
        List<HistoryEntry> all = rows.history(tenant, id);
        List<HistoryEntry> deleted = new ArrayList<>();
        for (int i = 0; i < entryIds.size(); i++) {
            Long e = entryIds.get(i);
            HistoryEntry found = all.stream().filter(h -> e != null && h.id() == e).findFirst().orElseThrow(() ->
                    new InvalidInputException("unknown_entry", "entries[" + deletedIndex(entryIds, e) + "]",
                            "No history entry " + e + " of this request"));
            deleted.add(found);
        }
        rows.deleteHistory(tenant, id, entryIds);
        audit.record(AuditEvent.change(tenant, "request.history_delete", "request", id, deleted,
                Map.of("deleted", entryIds.size())));
    }

    /** CASE-6: the list with facets; {@link RequestQuery} says what each filter does. */
    public RequestPage search(TenantId tenant, RequestQuery query, Actor actor) {
        if (query.limit() < 1 || query.limit() > 200) {
            throw new InvalidInputException("range", "limit", "1 to 200");
        }
        List<UUID> allowed = actor.customerOnly() ? setups.projectsOfCustomerUser(tenant, actor.userId()) : null;
        RequestSearch.Filter f = new RequestSearch.Filter(query, allowed);
        List<RequestSearch.Hit> hits = search.page(tenant, f);
        String next = null;
        if (hits.size() > query.limit()) {
            hits = hits.subList(0, query.limit());
            next = RequestSearch.cursor(hits.get(hits.size() - 1));
        }
        Map<UUID, ProjectSetup> setupsById = setups.all(tenant);
        Map<UUID, String> codes = projectCodes(tenant);
        List<RequestView> items = new ArrayList<>();
        for (RequestRow r : rows.rows(tenant, hits.stream().map(RequestSearch.Hit::id).toList())) {
            items.add(build(r, setupsById.computeIfAbsent(r.projectId(), p -> SetupRules.defaults()), Map.of(), List.of(),
                    List.of(), codes));
        }
        RequestSearch.Counted counted = search.counted(tenant, f);
        return new RequestPage(items, next, counted.total(), counted.exact(), labelled(tenant, counted.facets(), setupsById));
    }

    /**
     * The ids of the requests matching {@code q} (full text, as the list's {@code q}), newest first,
     * for the global search; it sees what {@code actor} may see.
     */
    public List<UUID> find(TenantId tenant, String q, int limit, Actor actor) {
        if (limit < 1 || limit > 200) {
            throw new InvalidInputException("range", "limit", "1 to 200");
        }
        List<UUID> allowed = actor.customerOnly() ? setups.projectsOfCustomerUser(tenant, actor.userId()) : null;
        List<RequestSearch.Hit> hits = search.page(tenant, new RequestSearch.Filter(
                new RequestQuery(q, null, null, null, null, null, null, limit, null), allowed));
        return hits.stream().limit(limit).map(RequestSearch.Hit::id).toList();
    }

    /**
     * SLA escalation of one request (CASE-3), called by {@link SlaSweep} in the tenant's context
     * for a request it claimed: marks each deadline passed unmet as overdue (once: the row is
     * locked and the marks re-read), writes the history and publishes {@link RequestOverdue}.
     * Returns how many deadlines it escalated (0, 1 or 2).
     */
    @Transactional
    public int escalate(TenantId tenant, UUID id) {
        RequestRow r = rows.lock(tenant, id).orElse(null);
        if (r == null || r.resolvedAt() != null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant reactionOverdue = r.reactionOverdueAt();
        Instant resolutionOverdue = r.resolutionOverdueAt();
        List<String> passed = new ArrayList<>();
        if (r.reactedAt() == null && reactionOverdue == null && r.reactionDueAt() != null && !r.reactionDueAt().isAfter(now)) {
            reactionOverdue = now;
            passed.add("REACTION");
        }
        if (resolutionOverdue == null && r.resolutionDueAt() != null && !r.resolutionDueAt().isAfter(now)) {
            resolutionOverdue = now;
            passed.add("RESOLUTION");
        }
        RequestRow after = new RequestRow(r.id(), r.number(), r.projectId(), r.type(), r.status(), r.subject(),
                r.description(), r.channel(), r.callId(), r.customerId(), r.customerName(), r.executorId(), r.group(),
                r.dueAt(), r.reactionDueAt(), r.resolutionDueAt(), r.reactedAt(), r.resolvedAt(), reactionOverdue,
                resolutionOverdue, r.createdBy(), r.createdByName(), r.createdAt(), passed.isEmpty() ? r.updatedAt() : now,
                r.version());
        if (!passed.isEmpty()) {
            if (!rows.update(tenant, after, r.version())) {
                throw stale();
            }
            for (String deadline : passed) {
                Instant due = deadline.equals("REACTION") ? r.reactionDueAt() : r.resolutionDueAt();
                rows.addHistory(tenant, id, now, null, "system", "overdue",
                        List.of(new Change("sla." + deadline.toLowerCase(java.util.Locale.ROOT), due, "overdue")), null);
                events.publishEvent(new RequestOverdue(tenant, id, deadline));
            }
        }
        return passed.size();
    }

    // ---------------------------------------------------------------------------------------

    private RequestRow visible(TenantId tenant, UUID id, Actor actor) {
        RequestRow r = rows.find(tenant, id).orElseThrow(() -> new NotFoundException("request", id));
        if (actor.customerOnly() && !setups.projectsOfCustomerUser(tenant, actor.userId()).contains(r.projectId())) {
            throw new NotFoundException("request", id);
        }
        return r;
    }

    private static void writer(Actor actor) {
        if (actor.customerOnly()) {
            throw new ForbiddenException("forbidden", "A customer-company user follows requests and sends claims");
        }
    }

    private static void checkVersion(Integer given, int current) {
        if (given != null && given != current) {
            throw stale();
        }
    }

    private CustomerView customer(TenantId tenant, UUID id) {
        if (id == null) {
            return null;
        }
        try {
            return customers.get(tenant, id);
        } catch (NotFoundException e) {
            throw new InvalidInputException("unknown_customer", "customerId", "No customer card " + id);
        }
    }

    private void user(TenantId tenant, String field, UUID id) {
        try {
            users.get(tenant, id);
        } catch (NotFoundException e) {
            throw new InvalidInputException("unknown_user", field, "No user " + id + " in this tenant");
        }
    }

    /** An executor must be a user; when the type names executors or groups, one of them (or a member of one). */
    private void checkAssignment(TenantId tenant, ProjectSetup setup, ProjectSetup.RequestType t, UUID executor, String group) {
        if (group != null && setup.groups().stream().noneMatch(g -> g.code().equals(group))) {
            throw new InvalidInputException("unknown_group", "group", "The project has no executor group '" + group + "'");
        }
        if (executor == null) {
            return;
        }
        user(tenant, "executorId", executor);
        boolean listed = t.executors().contains(executor) || setup.groups().stream()
                .filter(g -> t.groups().contains(g.code())).anyMatch(g -> g.users().contains(executor));
        if ((!t.executors().isEmpty() || !t.groups().isEmpty()) && !listed) {
            throw new InvalidInputException("not_an_executor", "executorId", "This user does not take requests of type '"
                    + t.code() + "'");
        }
    }

    /** CASE-2 "which executors take which types": the type's executor with the fewest open requests in the project. */
    private UUID route(TenantId tenant, UUID projectId, ProjectSetup setup, ProjectSetup.RequestType t) {
        if (t.executors().isEmpty()) {
            return null;
        }
        Map<UUID, Integer> load = rows.openLoad(tenant, projectId);
        return t.executors().stream().min(Comparator.comparingInt((UUID u) -> load.getOrDefault(u, 0))).orElse(null);
    }

    private static Instant resolutionDue(ProjectSetup.RequestType t, Instant registered, Instant dueAt) {
        if (dueAt != null) {
            return SlaSweep.stored(dueAt);
        }
        return t.resolutionMinutes() == null ? null : SlaSweep.stored(registered.plus(Duration.ofMinutes(t.resolutionMinutes())));
    }

    private void storeValues(TenantId tenant, UUID id, ProjectSetup setup, String type, Map<String, String> values) {
        values.forEach((key, value) -> {
            ProjectSetup.Field f = SetupRules.field(setup, type, key).orElseThrow();
            if (value == null) {
                rows.removeValue(tenant, id, key);
            } else if (f.confidential()) {
                byte[] secret;
                try {
                    secret = crypto.encrypt(tenant, value.getBytes(StandardCharsets.UTF_8), aad(id, key));
                } catch (ConfidentialStorageDisabledException e) {
                    throw new InvalidInputException(ConfidentialStorageDisabledException.CODE, "fields." + key,
                            "This tenant stores no confidential data (SEC-6), so '" + f.label() + "' cannot be kept");
                }
                rows.putValue(tenant, id, key, null, secret);
            } else {
                rows.putValue(tenant, id, key, value, null);
            }
        });
    }

    private static List<Change> fieldChanges(ProjectSetup setup, String type, Map<String, String> before,
                                             Map<String, String> changes) {
        List<Change> out = new ArrayList<>();
        changes.forEach((key, value) -> {
            boolean secret = SetupRules.field(setup, type, key).map(ProjectSetup.Field::confidential).orElse(false);
            Object b = before.get(key);
            Object a = value == null ? null : secret ? HIDDEN : value;
            if (secret || !Objects.equals(b, a)) {
                out.add(new Change("fields." + key, b, a));
            }
        });
        return out;
    }

    private static void add(List<Change> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(new Change(field, before == null ? null : before.toString(), after == null ? null : after.toString()));
        }
    }

    private static int deletedIndex(List<Long> ids, Long e) {
        return ids.indexOf(e);
    }

    /** The deadline is stored with the row; this only asks this node's sweep to be there on time. */
    private void wakeSweepAfterCommit(RequestRow row) {
        Instant next = SlaSweep.nextDeadline(row);
        if (next == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sla.wakeBy(next);
                }
            });
        } else {
            sla.wakeBy(next);
        }
    }

    private RequestView view(TenantId tenant, RequestRow r, ProjectSetup setup, boolean reveal) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        Map<String, RequestRepository.StoredValue> stored = rows.values(tenant, r.id());
        for (ProjectSetup.Field f : SetupRules.type(setup, r.type()).map(ProjectSetup.RequestType::fields).orElse(List.of())) {
            RequestRepository.StoredValue v = stored.get(f.key());
            if (v == null) {
                continue;
            }
            if (v.secret() == null) {
                values.put(f.key(), FieldValues.typed(f.type(), v.value()));
            } else if (reveal) {
                values.put(f.key(), FieldValues.typed(f.type(),
                        new String(crypto.decrypt(tenant, v.secret(), aad(r.id(), f.key())), StandardCharsets.UTF_8)));
                hidden.add(f.key());
            } else {
                hidden.add(f.key());
            }
        }
        return build(r, setup, values, hidden, rows.tasks(tenant, r.id()),
                Map.of(r.projectId(), projects.get(tenant, r.projectId()).code()));
    }

    private Map<UUID, String> projectCodes(TenantId tenant) {
        Map<UUID, String> out = new HashMap<>();
        projects.list(tenant, false).forEach(p -> out.put(p.id(), p.code()));
        return out;
    }

    private static RequestView build(RequestRow r, ProjectSetup setup, Map<String, Object> values, List<String> hidden,
                                     List<RequestView.Task> tasks, Map<UUID, String> projectCodes) {
        String projectCode = projectCodes.get(r.projectId());
        ProjectSetup.Status st = SetupRules.status(setup, r.status()).orElse(null);
        return new RequestView(r.id(), r.number(), r.projectId(), projectCode, r.type(),
                SetupRules.type(setup, r.type()).map(ProjectSetup.RequestType::name).orElse(r.type()), r.status(),
                st == null ? r.status() : st.name(), st != null && st.closing(), r.subject(), r.description(), r.channel(),
                r.callId(), r.customerId(), r.customerName(), r.executorId(), r.group(), r.dueAt(),
                new RequestView.Sla(r.reactionDueAt(), r.resolutionDueAt(), r.reactedAt(), r.resolvedAt(),
                        r.reactionOverdueAt(), r.resolutionOverdueAt()),
                values, List.copyOf(hidden), tasks, r.createdBy(), r.createdByName(), r.createdAt(), r.updatedAt(),
                r.version());
    }

    private Map<String, List<RequestPage.Facet>> labelled(TenantId tenant, Map<String, Map<String, Long>> facets,
                                                          Map<UUID, ProjectSetup> setupsById) {
        Map<String, String> statusNames = new HashMap<>();
        Map<String, String> typeNames = new HashMap<>();
        List<ProjectSetup> all = new ArrayList<>(setupsById.values());
        all.add(SetupRules.defaults());
        for (ProjectSetup s : all) {
            s.statuses().forEach(x -> statusNames.putIfAbsent(x.code(), x.name()));
            s.types().forEach(x -> typeNames.putIfAbsent(x.code(), x.name()));
        }
        Map<String, String> projectNames = new HashMap<>();
        projects.list(tenant, false).forEach(p -> projectNames.put(p.id().toString(), p.name()));
        Map<UUID, String> executorNames = users.names(tenant, facets.getOrDefault("executor", Map.of()).keySet().stream()
                .filter(v -> !v.isEmpty()).map(UUID::fromString).toList());
        Map<String, List<RequestPage.Facet>> out = new LinkedHashMap<>();
        facets.forEach((name, counts) -> {
            List<RequestPage.Facet> list = new ArrayList<>();
            counts.forEach((value, count) -> list.add(new RequestPage.Facet(value, switch (name) {
                case "status" -> statusNames.getOrDefault(value, value);
                case "type" -> typeNames.getOrDefault(value, value);
                case "project" -> projectNames.getOrDefault(value, value);
                case "executor" -> value.isEmpty() ? "" : executorNames.getOrDefault(UUID.fromString(value), value);
                default -> value;
            }, count)));
            out.put(name, list);
        });
        return out;
    }

    private static byte[] aad(UUID requestId, String key) {
        return ("request-field:" + requestId + ":" + key).getBytes(StandardCharsets.UTF_8);
    }

    private static ConflictException stale() {
        return new ConflictException("stale_version", "version", "The request was changed meanwhile; reload it");
    }
}
