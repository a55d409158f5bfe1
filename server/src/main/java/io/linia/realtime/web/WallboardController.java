package io.linia.realtime.web;

import io.linia.acd.Wallboard;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The wallboard (RT-7): a page that updates by push, and the same picture as JSON. */
@Controller
@Tag(name = "Real-time statistics")
class WallboardController {

    private final Wallboard wallboard;
    private final WallboardLabels labels;

    WallboardController(Wallboard wallboard, WallboardLabels labels) {
        this.wallboard = wallboard;
        this.labels = labels;
    }

    @GetMapping("/wallboard")
    @PreAuthorize("hasAnyAuthority('STATUS_VIEW', 'MONITOR_ALL')")
    String page(java.util.Locale locale, org.springframework.ui.Model model) {
        model.addAttribute("labels", labels.json(locale));
        return "wallboard";
    }

    @GetMapping("/api/v1/wallboard")
    @ResponseBody
    @PreAuthorize("hasAnyAuthority('STATUS_VIEW', 'MONITOR_ALL')")
    @Operation(summary = "RT-7 now: per queue and per agent; the page gets the same by push on topic 'wallboard'")
    Wallboard.Snapshot snapshot(@AuthenticationPrincipal CurrentUser me) {
        return wallboard.snapshot(me.tenantId());
    }
}
