package io.linia.identity;

/** Fixed names of the identity module. */
public final class IdentityConstants {

    /** The tenant that holds the provider's own users (provider admins). */
    public static final String PROVIDER_TENANT = "provider";

    private IdentityConstants() {
    }
}
