package io.linia.kb;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Knowledge-base settings ({@code linia.kb.*}).
 *
 * @param maxAttachmentBytes the largest file an article may have, in bytes ({@code LINIA_KB_MAX_ATTACHMENT_BYTES});
 *                           10 MiB by default: instructions, scans and screenshots fit, and files are
 *                           kept in the database, so each is held in memory while stored or served
 */
@ConfigurationProperties("linia.kb")
public record KbProperties(@DefaultValue("10485760") long maxAttachmentBytes) {
}
