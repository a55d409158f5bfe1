package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.platform.InvalidInputException;
import io.linia.platform.reporting.ReportFormat;
import io.linia.platform.reporting.ReportTable;
import io.linia.requests.HistoryEntry;
import io.linia.requests.RequestDraft;
import io.linia.requests.RequestPage;
import io.linia.requests.RequestQuery;
import io.linia.requests.RequestReport;
import io.linia.requests.RequestReportQuery;
import io.linia.requests.RequestReports;
import io.linia.requests.RequestView;
import io.linia.requests.Requests;
import io.linia.requests.TaskDraft;
import io.linia.requests.Transition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Requests (CASE-1, 3, 5, 6, 7); docs/requests.md. Reading needs REQUEST_WORK (a customer-company
 * user sees only its projects' requests), changing REQUEST_WORK (not a customer user), deleting
 * history PROJECT_MANAGE.
 */
@RestController
@RequestMapping("/api/v1/requests")
@Tag(name = "Requests", description = "Requests / cases: registration, status changes, tasks, history, search (CASE-1..7)")
class RequestController {

    /** History entries to delete. */
    record HistoryDeletion(List<Long> entries) {
    }

    /** A request registered from a call: the call id and what else the operator filled in. */
    record FromCall(String callId, UUID projectId, String type, String subject, String description, UUID customerId,
                    java.util.Map<String, Object> fields, UUID executorId, String group, Instant dueAt) {
    }

    private final Requests requests;
    private final RequestReports reports;
    private final RequestReportTables tables;

    RequestController(Requests requests, RequestReports reports, RequestReportTables tables) {
        this.requests = requests;
        this.reports = reports;
        this.tables = tables;
    }

    @GetMapping("/report")
    @PreAuthorize("hasAnyAuthority('STATS_VIEW', 'PROJECT_MANAGE')")
    @Operation(summary = "Analytic report on requests (CASE-6)", description = "Requests registered in [from, to): "
            + "registered, resolved, open, mean and median time to resolve, reaction and resolution SLA breaches, "
            + "grouped by type, channel, executor, project or status, narrowed by project, type, status, executor; "
            + "from/to as yyyy-MM-dd (UTC days, to inclusive) or instants. JSON by default; format=csv|xlsx|pdf (or "
            + "the matching Accept) gives the same figures as a file, as the call reports do (separator=comma for ',')")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = RequestReport.class)),
            @Content(mediaType = "text/csv"), @Content(mediaType = "application/pdf"),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
    Object report(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String from,
                  @RequestParam(required = false) String to, @RequestParam(defaultValue = "type") String by,
                  @RequestParam(required = false) UUID project, @RequestParam(required = false) String type,
                  @RequestParam(required = false) String status, @RequestParam(required = false) UUID executor,
                  @RequestParam(required = false) String format, @RequestParam(required = false) String separator,
                  @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                  HttpServletResponse response) throws IOException {
        ReportFormat kind = ReportFormat.negotiate(format, accept);
        RequestReport report = reports.run(me.tenantId(), new RequestReportQuery(time("from", from, false),
                time("to", to, true), by, project, blank(type), blank(status), executor), Actors.of(me));
        if (kind == ReportFormat.JSON) {
            return report;
        }
        char sep = ReportFormat.separator(separator);
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = tables.zone(me.tenantId());
        ReportTable table = tables.table(report, locale);
        kind.write(response, sep, RequestReportTables.fileName(report, zone), table.report(),
                tables.title(report, zone, locale), tables.labels(locale), page -> page.accept(table));
        return null;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "Search requests with facets (CASE-6)", description = "q: words (Russian and English morphology, "
            + "one typo), a customer's name or a number; from/to: yyyy-MM-dd (to inclusive) or an instant; newest first; "
            + "pass 'next' as 'after'. Facets count status, type, project, executor and day over the whole result.")
    RequestPage search(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String status, @RequestParam(required = false) String type,
                       @RequestParam(required = false) UUID project, @RequestParam(required = false) UUID executor,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String after) {
        return requests.search(me.tenantId(), new RequestQuery(blank(q), blank(status), blank(type), project, executor,
                time("from", from, false), time("to", to, true), limit, blank(after)), Actors.of(me));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "Register a request (CASE-1)", description = "channel defaults to API")
    RequestView create(@AuthenticationPrincipal CurrentUser me, @RequestBody RequestDraft draft) {
        return requests.create(me.tenantId(), draft, Actors.of(me), "API");
    }

    @PostMapping("/from-call")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "Register a request from a call (CASE-1)", description = "Channel CALL; unless customerId is "
            + "given, the first card matching the caller's number is linked")
    RequestView fromCall(@AuthenticationPrincipal CurrentUser me, @RequestBody FromCall body) {
        return requests.createFromCall(me.tenantId(), body.callId(), new RequestDraft(body.projectId(), body.type(),
                body.subject(), body.description(), body.customerId(), null, null, body.fields(), body.executorId(),
                body.group(), body.dueAt(), null), Actors.of(me));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "A request", description = "reveal=true decrypts confidential fields (audited)")
    RequestView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id,
                    @RequestParam(defaultValue = "false") boolean reveal) {
        return reveal ? requests.reveal(me.tenantId(), id, Actors.of(me)) : requests.get(me.tenantId(), id, Actors.of(me));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "Change a request", description = "Absent fields stay; \"\" clears a text; fields: null removes "
            + "a value; version detects concurrent edits (409 stale_version)")
    RequestView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody RequestDraft draft) {
        return requests.update(me.tenantId(), id, draft, Actors.of(me));
    }

    @PostMapping("/{id}/transitions")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "Change the status by an operation of the project",
            description = "Give operation or status; outside the project's rules: 422 transition_not_allowed")
    RequestView transition(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody Transition t) {
        return requests.transition(me.tenantId(), id, t, Actors.of(me));
    }

    @PostMapping("/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    RequestView addTask(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody TaskDraft task) {
        return requests.addTask(me.tenantId(), id, task, Actors.of(me));
    }

    @PatchMapping("/{id}/tasks/{taskId}")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    RequestView updateTask(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID taskId,
                           @RequestBody TaskDraft task) {
        return requests.updateTask(me.tenantId(), id, taskId, task, Actors.of(me));
    }

    @GetMapping("/{id}/history")
    @PreAuthorize("hasAuthority('REQUEST_WORK')")
    @Operation(summary = "Every change of the request, field by field (CASE-5)")
    List<HistoryEntry> history(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return requests.history(me.tenantId(), id, Actors.of(me));
    }

    @PostMapping("/{id}/history/delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('PROJECT_MANAGE')")
    @Operation(summary = "Delete some history entries (CASE-5, project managers; audited)")
    void deleteHistory(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @RequestBody HistoryDeletion body) {
        requests.deleteHistory(me.tenantId(), id, body.entries(), Actors.of(me));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** yyyy-MM-dd (UTC day; as {@code to}, the whole day is included) or an ISO instant. */
    static Instant time(String field, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate d = LocalDate.parse(value);
                return (end ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("format", field, "A date is yyyy-MM-dd or an ISO instant");
        }
    }
}
