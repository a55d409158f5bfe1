package io.linia.kb;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import java.util.UUID;

/**
 * Who reads. A reader sees published articles of the topics their roles may read; an editor
 * (KB_MANAGE) sees every topic, drafts and versions.
 */
public record KbReader(UUID userId, boolean editor) {

    public static KbReader of(CurrentUser user) {
        return new KbReader(user.userId(), user.can(Permission.KB_MANAGE));
    }
}
