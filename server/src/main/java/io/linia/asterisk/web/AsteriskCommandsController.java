package io.linia.asterisk.web;

import io.linia.asterisk.AmiSteering;
import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.platform.ForbiddenException;
import io.linia.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Commands to an Asterisk that keeps its own queues (TEL-3, docs/asterisk.md): operators put
 * themselves in and out of its queues, pause, click to call, redirect and silence the
 * recording of their calls; supervisors ({@code QUEUE_MANAGE}) do so for anyone. {@code me}
 * stands for the caller's own user id.
 */
@RestController
@RequestMapping("/api/v1/asterisk")
@Tag(name = "Asterisk commands", description = "QueueAdd, QueueRemove, QueuePause, Originate, Redirect, MixMonitorMute (TEL-3)")
@PreAuthorize("hasAnyAuthority('CALLS_HANDLE', 'QUEUE_MANAGE')")
class AsteriskCommandsController {

    record Membership(Boolean paused) {
    }

    record Pause(Boolean paused, String reason, UUID queueId) {
    }

    record Dial(String number) {
    }

    record Redirect(String extension, String context) {
    }

    record Recording(Boolean paused) {
    }

    private final AmiSteering steering;

    AsteriskCommandsController(AmiSteering steering) {
        this.steering = steering;
    }

    @PutMapping("/queues/{queueId}/members/{userId}")
    @Operation(summary = "QueueAdd: the operator's phone becomes a dynamic member of the Asterisk queue")
    AmiSteering.Result add(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId,
                           @PathVariable String userId, @RequestBody(required = false) Membership body) {
        return steering.addMember(me.tenantId(), queueId, user(me, userId), body != null && Boolean.TRUE.equals(body.paused()));
    }

    @DeleteMapping("/queues/{queueId}/members/{userId}")
    @Operation(summary = "QueueRemove: the operator's phone leaves the Asterisk queue")
    AmiSteering.Result remove(@AuthenticationPrincipal CurrentUser me, @PathVariable UUID queueId,
                              @PathVariable String userId) {
        return steering.removeMember(me.tenantId(), queueId, user(me, userId));
    }

    @PostMapping("/agents/{userId}/pause")
    @Operation(summary = "QueuePause: pause with a reason, or unpause, in one queue or all")
    AmiSteering.Result pause(@AuthenticationPrincipal CurrentUser me, @PathVariable String userId, @RequestBody Pause body) {
        if (body == null || body.paused() == null) {
            throw new InvalidInputException("required", "paused", "paused is true or false");
        }
        return steering.pause(me.tenantId(), user(me, userId), body.paused(), body.reason(), body.queueId());
    }

    @PostMapping("/agents/{userId}/originate")
    @Operation(summary = "Originate: click-to-call from the operator's phone")
    AmiSteering.Result originate(@AuthenticationPrincipal CurrentUser me, @PathVariable String userId, @RequestBody Dial body) {
        return steering.originate(me.tenantId(), user(me, userId), body == null ? null : body.number());
    }

    @PostMapping("/calls/{callId}/redirect")
    @Operation(summary = "Redirect: send the caller of a live queue call to an extension")
    AmiSteering.Result redirect(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                                @RequestBody Redirect body) {
        ownCall(me, callId);
        return steering.redirect(me.tenantId(), callId, body == null ? null : body.extension(),
                body == null ? null : body.context());
    }

    @PostMapping("/calls/{callId}/recording")
    @Operation(summary = "MixMonitorMute: silence the call's recording (a card number, SEC-7) or restore it")
    AmiSteering.Result recording(@AuthenticationPrincipal CurrentUser me, @PathVariable String callId,
                                 @RequestBody Recording body) {
        if (body == null || body.paused() == null) {
            throw new InvalidInputException("required", "paused", "paused is true or false");
        }
        ownCall(me, callId);
        return steering.recording(me.tenantId(), callId, body.paused());
    }

    /** {@code me}, or another user for a supervisor. */
    private static UUID user(CurrentUser me, String userId) {
        if ("me".equals(userId)) {
            return me.userId();
        }
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("format", "userId", "A user id or 'me'");
        }
        if (!id.equals(me.userId()) && !me.can(Permission.QUEUE_MANAGE)) {
            throw new ForbiddenException("forbidden", "Only a supervisor (QUEUE_MANAGE) commands another operator's phone");
        }
        return id;
    }

    private void ownCall(CurrentUser me, String callId) {
        if (!me.can(Permission.QUEUE_MANAGE)
                && !steering.handledBy(me.tenantId(), steering.live(me.tenantId(), callId), me.userId())) {
            throw new ForbiddenException("forbidden", "Only the operator who took the call, or a supervisor, may do this");
        }
    }
}
