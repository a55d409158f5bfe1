package io.linia.requests.web;

import io.linia.identity.CurrentUser;
import io.linia.requests.Actor;

/** The web edge's view of who acts on requests (CASE-7: a CLAIM_SEND holder without manager rights is a customer user). */
final class Actors {

    private Actors() {
    }

    static Actor of(CurrentUser me) {
        return Actor.of(me.userId(), me.fullName(), me.permissions());
    }
}
