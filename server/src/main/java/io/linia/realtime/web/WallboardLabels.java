package io.linia.realtime.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The wallboard script's words in the page's language (every screen in Russian and English). */
@Component("wallboardLabels")
class WallboardLabels {

    private static final List<String> KEYS = List.of("waiting", "longestWait", "free", "busy", "paused", "offline", "answered",
            "abandoned", "serviceLevel", "avgWait", "avgTalk", "connecting", "live", "none",
            "state.FREE", "state.RINGING", "state.TALKING", "state.HOLD", "state.WRAP_UP", "state.PAUSED", "state.OFFLINE",
            "state.DIALING", "state.CONSULTING");

    private final MessageSource messages;
    private final ObjectMapper json;

    WallboardLabels(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** JSON for a script tag; '<' is escaped so no text can close the tag. */
    public String json(Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : KEYS) {
            labels.put(key, messages.getMessage("wallboard." + key, null, key, locale));
        }
        return json.writeValueAsString(labels).replace("<", "\\u003c");
    }
}
