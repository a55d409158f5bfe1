package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.requests.NotificationTemplates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** CASE-4 notification templates, per event and language (ru, en). */
@RestController
@RequestMapping("/api/v1/requests/templates")
@Tag(name = "Requests", description = "Requests / cases (CASE-1..7)")
class TemplateController {

    record Text(String subject, String body) {
    }

    private final NotificationTemplates templates;

    TemplateController(NotificationTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'SETTINGS_MANAGE')")
    List<NotificationTemplates.Template> list(@AuthenticationPrincipal CurrentUser me) {
        return templates.list(me.tenantId());
    }

    @GetMapping("/{event}/{language}")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'SETTINGS_MANAGE')")
    NotificationTemplates.Template get(@AuthenticationPrincipal CurrentUser me, @PathVariable String event,
                                       @PathVariable String language) {
        return templates.get(me.tenantId(), event, language);
    }

    @PutMapping("/{event}/{language}")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'SETTINGS_MANAGE')")
    @Operation(summary = "Edit a template", description = "Placeholders: {number} {subject} {status} {previousStatus} "
            + "{project} {type} {customer} {deadline} {text}; unknown ones are a 422")
    NotificationTemplates.Template put(@AuthenticationPrincipal CurrentUser me, @PathVariable String event,
                                       @PathVariable String language, @RequestBody Text text) {
        return templates.put(me.tenantId(), event, language, text.subject(), text.body());
    }

    @DeleteMapping("/{event}/{language}")
    @PreAuthorize("hasAnyAuthority('PROJECT_MANAGE', 'SETTINGS_MANAGE')")
    @Operation(summary = "Back to the built-in text")
    NotificationTemplates.Template reset(@AuthenticationPrincipal CurrentUser me, @PathVariable String event,
                                         @PathVariable String language) {
        return templates.reset(me.tenantId(), event, language);
    }
}
