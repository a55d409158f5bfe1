package io.linia.requests.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How request notifications are mailed (CASE-4). The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password, {@code properties.mail.smtp.*}); one
 * server serves every tenant. Without {@code spring.mail.host} nothing is sent and every
 * notification is recorded as SKIPPED.
 *
 * @param from    the sender address of every notification ({@code LINIA_REQUESTS_MAIL_FROM})
 * @param baseUrl the address of this installation, for the link to the request in staff mails;
 *                empty: no link
 */
@ConfigurationProperties("linia.requests.mail")
public record RequestMailProperties(@DefaultValue("linia@localhost") String from, @DefaultValue("") String baseUrl) {
}
