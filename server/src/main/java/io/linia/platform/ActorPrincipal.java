package io.linia.platform;

import java.util.UUID;

/**
 * Who is acting, as the platform sees it: the signed-in principal implements this so that
 * cross-cutting code (audit, logs) can name the actor without depending on identity.
 */
public interface ActorPrincipal {

    TenantId tenantId();

    UUID userId();

    String login();
}
