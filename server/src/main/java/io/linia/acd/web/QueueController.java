package io.linia.acd.web;

import io.linia.acd.QueueService;
import io.linia.acd.QueueSettings;
import io.linia.acd.QueueView;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Queues and their members (ACD-1, ACD-2); changes apply to calls in progress at once (ACD-9). A
 * bad value of the waiting caller's settings, the script or the knowledge topic is 422 naming the field.
 */
@RestController
@RequestMapping("/api/v1/queues")
@Tag(name = "Queues")
class QueueController {

    /** The request body; named for the OpenAPI document, where other modules have a "Settings" too. */
    @Schema(name = "QueueSettings", description = "Every setting of a queue (ACD-1)")
    record Settings(
            @NotBlank @Size(max = 20) String number,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) String strategy,
            Map<@Size(min = 1, max = 64) String, @NotNull @Min(1) @Max(10) Integer> requiredSkills,
            @Min(0) @Max(100) Integer priority,
            @Min(1) @Max(3600) Integer serviceLevelSeconds,
            @Min(1) @Max(86400) Integer maxWaitSeconds,
            @Size(max = 16) String overflowKind,
            @Size(max = 200) String overflowTarget,
            @Min(0) @Max(100000) Integer maxLength,
            @Min(0) @Max(3600) Integer wrapUpSeconds,
            @Min(1) @Max(600) Integer ringTimeoutSeconds,
            Boolean pauseOnNoAnswer,
            Boolean overflowWhenNoAgents,
            @Schema(description = "Music on hold the waiting caller hears: a class of Asterisk's musiconhold.conf "
                    + "(letters, digits, - and _, up to 80), default \"default\"; platform-routed calls only",
                    example = "default", pattern = "^[A-Za-z0-9_-]{1,80}$", maxLength = 80)
            String mohClass,
            @Schema(description = "Tell the waiting caller their place in line every announceEverySeconds")
            Boolean announcePosition,
            @Schema(description = "Tell the waiting caller the expected wait (minutes) every announceEverySeconds "
                    + "(docs/acd.md: how it is estimated)")
            Boolean announceExpectedWait,
            @Schema(description = "How often the announcements come, 15..600 s (default 60)", example = "60",
                    minimum = "15", maximum = "600")
            Integer announceEverySeconds,
            @Schema(description = "The operator script (Markdown, up to 20000 characters) the workstation shows for "
                    + "the queue's calls (WS-6); null or empty for none", maxLength = QueueService.SCRIPT_MAX)
            String script,
            @Schema(description = "A knowledge-base topic of the organization whose published articles (and those "
                    + "of its sub-topics) come with the queue's calls (WS-5); null for none")
            UUID kbTopicId,
            Integer version) {

        QueueSettings settings() {
            return new QueueSettings(number, name, strategy == null ? null : strategy.toUpperCase(), requiredSkills,
                    priority, serviceLevelSeconds, maxWaitSeconds, overflowKind == null ? null : overflowKind.toUpperCase(),
                    overflowTarget, maxLength, wrapUpSeconds, ringTimeoutSeconds, pauseOnNoAnswer, overflowWhenNoAgents,
                    mohClass, announcePosition, announceExpectedWait, announceEverySeconds, script, kbTopicId);
        }
    }

    private final QueueService queues;

    QueueController(QueueService queues) {
        this.queues = queues;
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('QUEUE_MANAGE', 'STATUS_VIEW')")
    List<QueueView> list(@AuthenticationPrincipal CurrentUser me) {
        return queues.list(me.tenantId());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('QUEUE_MANAGE', 'STATUS_VIEW')")
    QueueView get(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return queues.get(me.tenantId(), id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('QUEUE_MANAGE')")
    @Operation(summary = "Create a queue; calls to its number are routed to it")
    QueueView create(@AuthenticationPrincipal CurrentUser me, @Valid @RequestBody Settings s) {
        return queues.create(me.tenantId(), s.settings());
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('QUEUE_MANAGE')")
    @Operation(summary = "Replace a queue's settings (send the version you saw); waiting calls keep their places")
    QueueView update(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @Valid @RequestBody Settings s) {
        if (s.version() == null) {
            throw new io.linia.platform.InvalidInputException("required", "version", "Send the version you edited");
        }
        return queues.update(me.tenantId(), id, s.settings(), s.version());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('QUEUE_MANAGE')")
    void delete(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        queues.delete(me.tenantId(), id);
    }

    @GetMapping("/{id}/members")
    @PreAuthorize("hasAnyAuthority('QUEUE_MANAGE', 'STATUS_VIEW')")
    Set<String> members(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id) {
        return queues.members(me.tenantId(), id);
    }

    @PutMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyAuthority('QUEUE_MANAGE', 'AGENT_CONTROL')")
    @Operation(summary = "Add an agent to the queue (ACD-2: balance the load from the admin panel or the supervisor's view)")
    void addMember(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID userId) {
        queues.addMember(me.tenantId(), id, userId);
    }

    @DeleteMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyAuthority('QUEUE_MANAGE', 'AGENT_CONTROL')")
    void removeMember(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID id, @PathVariable UUID userId) {
        queues.removeMember(me.tenantId(), id, userId);
    }
}
