package io.linia.acd.web;

import io.linia.acd.PauseReasons;
import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.ObjectMapper;

/**
 * The supervisor's live view (RT-7, ACD-11): the wallboard's snapshot by push on the
 * {@code wallboard} topic, with the controls the signed-in user may use.
 */
@Controller
class SupervisorPageController {

    /** The script's words (bundle {@code i18n/supervisor}, keys {@code supervisor.*}). */
    private static final List<String> KEYS = List.of("connecting", "live", "none", "waiting", "longestWait", "free",
            "busy", "paused", "offline", "answered", "abandoned", "serviceLevel", "avgWait", "avgTalk", "level.ok", "level.warn",
            "level.alarm", "thresholds", "thresholdsOf", "save", "cancel", "reset", "actions", "actionsFor", "makeFree",
            "pause", "pauseReason", "logout", "addTo", "add", "removeFrom", "listen", "whisper", "barge", "stopMonitor",
            "monitoring", "mode.LISTEN", "mode.WHISPER", "mode.BARGE", "done", "failed", "announceState", "announceLevel",
            "noQueues", "state.FREE", "state.RINGING", "state.TALKING", "state.HOLD", "state.WRAP_UP", "state.PAUSED",
            "state.OFFLINE", "state.DIALING", "state.CONSULTING", "waitingWarn", "waitingAlarm", "longestWaitWarnSeconds", "longestWaitAlarmSeconds",
            "serviceLevelWarn", "serviceLevelAlarm", "warn", "alarm", "unwatched");

    private final MessageSource messages;
    private final ObjectMapper json;
    private final PauseReasons reasons;

    SupervisorPageController(MessageSource messages, ObjectMapper json, PauseReasons reasons) {
        this.messages = messages;
        this.json = json;
        this.reasons = reasons;
    }

    @GetMapping("/supervisor")
    @PreAuthorize("hasAnyAuthority('STATUS_VIEW', 'MONITOR_ALL')")
    String page(@AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : KEYS) {
            labels.put(key, messages.getMessage("supervisor." + key, null, key, locale));
        }
        config.put("labels", labels);
        config.put("canControl", me.can(Permission.AGENT_CONTROL));
        config.put("canQueues", me.can(Permission.AGENT_CONTROL) || me.can(Permission.QUEUE_MANAGE));
        config.put("canThresholds", me.can(Permission.AGENT_CONTROL) || me.can(Permission.QUEUE_MANAGE));
        config.put("pauseReasons", reasons.list(me.tenantId()));
        // '<' escaped so no text can close the script tag
        model.addAttribute("config", json.writeValueAsString(config).replace("<", "\\u003c"));
        return "supervisor/index";
    }
}
