package io.linia.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port over a real (embedded) PostgreSQL, with a
 * {@link io.linia.platform.time.MutableClock} as the clock and small socket send buffers
 * ({@link TestServerConfiguration}). All such tests share one
 * Spring context (and so one database); each test makes its own tenants.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, TestServerConfiguration.class})
public @interface IntegrationTest {
}
