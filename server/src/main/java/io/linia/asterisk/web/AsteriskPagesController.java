package io.linia.asterisk.web;

import io.linia.asterisk.AsteriskSettings;
import io.linia.asterisk.HistoryImports;
import io.linia.asterisk.ami.AmiFollower;
import io.linia.asterisk.ari.AriConnections;
import io.linia.asterisk.cdr.CdrDatabaseSettings;
import io.linia.asterisk.cdr.DatabaseImports;
import io.linia.identity.CurrentUser;
import io.linia.platform.LiniaException;
import io.linia.platform.NotFoundException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrator's Asterisk page (TEL-7): where the tenant's calls are (simulated, ARI,
 * AMI), the connection's state, the settings with the precise reason when a check fails, a
 * connection test, and the CDR database with an import (TEL-4). The same services as the API.
 */
@Controller
@PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
class AsteriskPagesController {

    private final AsteriskSettings settings;
    private final AriConnections ari;
    private final AmiFollower ami;
    private final CdrDatabaseSettings cdr;
    private final DatabaseImports imports;

    AsteriskPagesController(AsteriskSettings settings, AriConnections ari, AmiFollower ami, CdrDatabaseSettings cdr,
                            DatabaseImports imports) {
        this.settings = settings;
        this.ari = ari;
        this.ami = ami;
        this.cdr = cdr;
        this.imports = imports;
    }

    @GetMapping("/admin/asterisk")
    String page(@AuthenticationPrincipal CurrentUser me, Model model) {
        fill(me, model);
        return "admin/asterisk";
    }

    @PostMapping("/admin/asterisk")
    String save(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> form, Model model) {
        try {
            settings.update(me.tenantId(), new AsteriskSettings.Change(form.get("mode"), blankToNull(form.get("amiHost")),
                    port(form.get("amiPort")), blankToNull(form.get("amiUsername")), blankToNull(form.get("amiSecret")),
                    blankToNull(form.get("amiInterface")), blankToNull(form.get("amiContext")),
                    blankToNull(form.get("ariUrl")), blankToNull(form.get("ariUsername")),
                    blankToNull(form.get("ariPassword")), blankToNull(form.get("ariApp")),
                    blankToNull(form.get("ariAgentDial")), blankToNull(form.get("ariOutboundDial")),
                    "on".equals(form.get("ariRecord")),
                    // an emptied field switches the fetching of MixMonitor files off
                    form.containsKey("amiRecordingsDir") ? form.get("amiRecordingsDir") : null),
                    !"on".equals(form.get("skipCheck")));
            model.addAttribute("saved", true);
        } catch (LiniaException e) {
            failed(model, e, form);
        }
        fill(me, model);
        return "admin/asterisk";
    }

    @PostMapping("/admin/asterisk/test")
    String test(@AuthenticationPrincipal CurrentUser me, Model model) {
        model.addAttribute("test", settings.test(me.tenantId()));
        fill(me, model);
        return "admin/asterisk";
    }

    @PostMapping("/admin/asterisk/cdr")
    String saveCdr(@AuthenticationPrincipal CurrentUser me, @RequestParam Map<String, String> form, Model model) {
        try {
            cdr.update(me.tenantId(), new CdrDatabaseSettings.Change(blankToNull(form.get("cdrHost")),
                    port(form.get("cdrPort")), blankToNull(form.get("cdrDatabase")), blankToNull(form.get("cdrUsername")),
                    blankToNull(form.get("cdrPassword")), blankToNull(form.get("cdrTimeZone")), null, null),
                    !"on".equals(form.get("skipCheck")));
            model.addAttribute("cdrSaved", true);
        } catch (LiniaException e) {
            failed(model, e, form);
            model.addAttribute("cdrError", true);
        }
        fill(me, model);
        return "admin/asterisk";
    }

    @PostMapping("/admin/asterisk/cdr/import")
    String importCdr(@AuthenticationPrincipal CurrentUser me, Model model) {
        try {
            HistoryImports.ImportView started = imports.start(me.tenantId(), me.userId(),
                    new HistoryImports.Options(null, null, null), null);
            model.addAttribute("importStarted", started.id());
        } catch (LiniaException e) {
            failed(model, e, Map.of());
            model.addAttribute("cdrError", true);
        }
        fill(me, model);
        return "admin/asterisk";
    }

    private static void failed(Model model, LiniaException e, Map<String, String> form) {
        model.addAttribute("error", e.code());
        model.addAttribute("errorField", e.field());
        model.addAttribute("errorDetail", e.getMessage());
        Map<String, String> kept = new LinkedHashMap<>(form);
        kept.keySet().removeIf(k -> k.toLowerCase(java.util.Locale.ROOT).contains("secret")
                || k.toLowerCase(java.util.Locale.ROOT).contains("password") || k.startsWith("_"));
        model.addAttribute("form", kept);
    }

    private void fill(CurrentUser me, Model model) {
        model.addAttribute("settings", settings.get(me.tenantId()));
        Object connection = ari.status(me.tenantId()).map(Object.class::cast)
                .or(() -> ami.status(me.tenantId()).map(Object.class::cast)).orElse(null);
        model.addAttribute("connection", connection);
        try {
            model.addAttribute("cdr", cdr.get(me.tenantId()));
        } catch (NotFoundException e) {
            model.addAttribute("cdr", null);
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Integer port(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return -1; // refused by the settings as out of range, on the right field
        }
    }
}
