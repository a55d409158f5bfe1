package io.linia.acd.web;

import io.linia.identity.CurrentUser;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.ObjectMapper;

/**
 * The operator workstation (WS-1..8): one page; everything on it comes from the agent,
 * customers, requests and knowledge-base APIs and the {@code current_user_event} push.
 */
@Controller
class WorkstationController {

    private static final String BUNDLE = "i18n/workstation";
    private static final String SCRIPT_PREFIX = "ws.js.";

    private final ObjectMapper json;

    WorkstationController(ObjectMapper json) {
        this.json = json;
    }

    @GetMapping("/workstation")
    @PreAuthorize("hasAuthority('CALLS_HANDLE')")
    String page(@AuthenticationPrincipal CurrentUser me, Locale locale, Model model) {
        model.addAttribute("labels", labels(locale));
        model.addAttribute("canKb", me.can(io.linia.identity.Permission.KB_VIEW)
                || me.can(io.linia.identity.Permission.KB_MANAGE));
        return "workstation/index";
    }

    /**
     * The script's words (the bundle's {@code ws.js.*} keys) in the page's language, as JSON for
     * a script tag; '<' is escaped so no text can close the tag.
     */
    private String labels(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> out = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith(SCRIPT_PREFIX)) {
                out.put(key.substring(SCRIPT_PREFIX.length()), bundle.getString(key));
            }
        }
        return json.writeValueAsString(out).replace("<", "\\u003c");
    }
}
