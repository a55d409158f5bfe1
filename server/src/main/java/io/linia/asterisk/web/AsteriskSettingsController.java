package io.linia.asterisk.web;

import io.linia.asterisk.AsteriskSettings;
import io.linia.asterisk.ami.AmiFollower;
import io.linia.asterisk.ari.AriConnections;
import io.linia.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's switch connection (TEL-7): mode, ARI URL, user, password, application; AMI host, port, user, secret; a connection test. */
@RestController
@RequestMapping("/api/v1/asterisk/settings")
@Tag(name = "Asterisk settings", description = "How a tenant's calls reach Linia (TEL-7, docs/asterisk.md)")
class AsteriskSettingsController {

    private final AsteriskSettings settings;
    private final AmiFollower follower;
    private final AriConnections ari;

    AsteriskSettingsController(AsteriskSettings settings, AmiFollower follower, AriConnections ari) {
        this.settings = settings;
        this.follower = follower;
        this.ari = ari;
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "The settings (the secret only as whether one is set) and the live connection's state")
    Map<String, Object> get(@AuthenticationPrincipal CurrentUser me) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("settings", settings.get(me.tenantId()));
        Object connection = ari.status(me.tenantId()).map(Object.class::cast)
                .or(() -> follower.status(me.tenantId()).map(Object.class::cast)).orElse(null);
        out.put("connection", connection);
        return out;
    }

    @PutMapping
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Change the settings; ARI and AMI ones are tried first (verify=false to save for an Asterisk that is down)")
    AsteriskSettings.View update(@AuthenticationPrincipal CurrentUser me, @RequestBody AsteriskSettings.Change change,
                                 @RequestParam(defaultValue = "true") boolean verify) {
        return settings.update(me.tenantId(), change, verify);
    }

    @PostMapping("/test")
    @PreAuthorize("hasAuthority('SETTINGS_MANAGE')")
    @Operation(summary = "Try the stored ARI or AMI connection: DNS, refused, timeout, not Asterisk, login, application or app_queue")
    AsteriskSettings.TestResult test(@AuthenticationPrincipal CurrentUser me) {
        return settings.test(me.tenantId());
    }
}
