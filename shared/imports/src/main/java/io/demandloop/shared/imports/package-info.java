/**
 * Backfill from the tools' history exports (docs/imports.md): {@link io.demandloop.shared.imports.TicketImporter}, the
 * one code path of {@code ./demandloop import} and the import function, streams an export through an
 * {@link io.demandloop.shared.imports.ExportFormat} ({@code servicenow}, {@code jira}, {@code csv}; each turns a row
 * into a canonical ticket with its live source's normaliser and configuration) and stores each record with the ticket
 * store's conditional write, so imported and live records follow one identity and version rule. Rows that describe no
 * ticket come out as rejected {@link io.demandloop.shared.imports.ImportRow}s, so one bad row never stops a
 * years-long import; a malformed file stops it before anything is written.
 */
package io.demandloop.shared.imports;
