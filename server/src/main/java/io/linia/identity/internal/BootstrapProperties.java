package io.linia.identity.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First start (issue "Platform foundation").
 *
 * @param adminPassword first password of the provider admin and of the demo tenant's admin
 *                      ({@code LINIA_BOOTSTRAP_ADMIN_PASSWORD}); empty = random one-time
 *                      passwords printed to the console, to be changed at first sign-in
 * @param demo          create the demo tenant ({@code LINIA_DEMO}, default true)
 */
@ConfigurationProperties("linia.bootstrap")
public record BootstrapProperties(@DefaultValue("") String adminPassword, @DefaultValue("true") boolean demo) {
}
