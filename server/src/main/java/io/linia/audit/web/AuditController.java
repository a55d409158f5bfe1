package io.linia.audit.web;

import io.linia.audit.AuditEntry;
import io.linia.audit.AuditReader;
import io.linia.platform.ActorPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading and verifying the tenant's audit log: the AUDIT_READ permission only (AUD-4). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit log")
class AuditController {

    record AuditPage(List<AuditEntry> items, Long next) {
    }

    private final AuditReader reader;

    AuditController(AuditReader reader) {
        this.reader = reader;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "Audit entries newest first; page with before=<next>")
    AuditPage find(@AuthenticationPrincipal ActorPrincipal me,
                   @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                   @RequestParam(required = false) String action, @RequestParam(required = false) String actor,
                   @RequestParam(required = false) String resourceId, @RequestParam(required = false) Long before,
                   @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        List<AuditEntry> items = reader.find(me.tenantId(), from, to, action, actor, resourceId, before, limit);
        return new AuditPage(items, items.size() == limit ? items.get(items.size() - 1).id() : null);
    }

    @GetMapping("/verify")
    @PreAuthorize("hasAuthority('AUDIT_READ')")
    @Operation(summary = "Recompute the tenant's hash chain; ok=false names the first broken entry")
    AuditReader.Verification verify(@AuthenticationPrincipal ActorPrincipal me) {
        return reader.verify(me.tenantId());
    }
}
