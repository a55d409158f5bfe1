package io.linia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.linia.identity.internal.SecurityProperties;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * OPS-1: the environment wins over application.yml. Binds the real application.yml under a
 * system-environment property source, the way Spring Boot orders them at start.
 */
class EnvironmentOverrideTest {

    private static SecurityProperties bind(Map<String, Object> env) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return Binder.get(environment).bindOrCreate("linia.security", SecurityProperties.class);
    }

    @Test
    void anEnvironmentVariableOverridesTheFile() throws IOException {
        assertThat(bind(Map.of()).maxFailedLogins()).isEqualTo(6);
        assertThat(bind(Map.of()).sessionIdleTimeout()).hasHours(8);
        assertThat(bind(Map.of("LINIA_SECURITY_MAXFAILEDLOGINS", "9")).maxFailedLogins()).isEqualTo(9);
        assertThat(bind(Map.of("LINIA_SECURITY_SESSIONIDLETIMEOUT", "2h")).sessionIdleTimeout()).hasHours(2);
    }
}
