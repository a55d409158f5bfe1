/**
 * Asterisk (TEL-2..4, docs/asterisk.md). The root package is the API
 * ({@link io.linia.asterisk.HistoryImports}); {@code queuelog} reads queue_log lines and turns
 * them into the ACD's call facts ({@link io.linia.acd.CallHistory}); {@code ami} speaks the
 * Asterisk Manager Interface and maps app_queue's events onto the same lines; {@code web} is
 * the REST API. A module of its own rather than a part of {@code telephony}: it needs the
 * ACD's API, and the ACD depends on {@code telephony}.
 */
package io.linia.asterisk;
