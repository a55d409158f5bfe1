package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.requests.NotificationView;
import io.linia.requests.RequestNotifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CASE-4: the tenant's request notifications and their delivery, for administrators and project managers. */
@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Requests", description = "Requests / cases (CASE-1..7)")
class NotificationController {

    record NotificationPage(List<NotificationView> items, Long next) {
    }

    private final RequestNotifications notifications;

    NotificationController(RequestNotifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('SETTINGS_MANAGE', 'PROJECT_MANAGE')")
    @Operation(summary = "Notifications newest first: status pending|sent|failed|skipped, request, page with before=<next>")
    NotificationPage list(@AuthenticationPrincipal CurrentUser me, @RequestParam(required = false) String status,
                          @RequestParam(required = false) UUID request, @RequestParam(required = false) Long before,
                          @RequestParam(defaultValue = "100") int limit) {
        List<NotificationView> items = notifications.list(me.tenantId(), status, request, before, limit);
        return new NotificationPage(items, items.size() == limit ? items.get(items.size() - 1).id() : null);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SETTINGS_MANAGE', 'PROJECT_MANAGE')")
    NotificationView get(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return notifications.get(me.tenantId(), id);
    }

    @PostMapping("/{id}/retry")
    @PreAuthorize("hasAnyAuthority('SETTINGS_MANAGE', 'PROJECT_MANAGE')")
    @Operation(summary = "Send a failed notification again (409 not_failed for any other status)")
    NotificationView retry(@AuthenticationPrincipal CurrentUser me, @PathVariable long id) {
        return notifications.retry(me.tenantId(), id);
    }
}
