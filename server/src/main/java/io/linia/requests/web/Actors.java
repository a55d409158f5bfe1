package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.identity.Permission;
import io.linia.requests.Actor;

/** The web edge's view of who acts on requests (CASE-7: a CLAIM_SEND holder without manager rights is a customer user). */
final class Actors {

    private Actors() {
    }

    static Actor of(CurrentUser me) {
        boolean manager = me.can(Permission.PROJECT_MANAGE);
        boolean customerOnly = me.can(Permission.CLAIM_SEND) && !manager && !me.can(Permission.REQUEST_MANAGE);
        return new Actor(me.userId(), me.fullName(), customerOnly, manager);
    }
}
