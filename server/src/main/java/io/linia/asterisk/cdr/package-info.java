/**
 * Asterisk history from a FreePBX {@code asteriskcdrdb} on MySQL/MariaDB (TEL-4, TEL-7): the
 * tenant's connection settings ({@link io.linia.asterisk.cdr.CdrDatabaseSettings}), the
 * queue_log table read as queue_log lines ({@code QueueLogTable}), and the CDR table's calls
 * that never entered a queue ({@link io.linia.asterisk.cdr.CdrCalls}). Plain JDBC against the
 * source; imports run through {@link io.linia.asterisk.cdr.DatabaseImports}. docs/asterisk.md.
 */
package io.linia.asterisk.cdr;
