/**
 * Reading history exports for backfills: a streaming RFC 4180 {@link io.demandloop.shared.imports.CsvReader} and
 * the typed rows of a ServiceNow incident audit log ({@link io.demandloop.shared.imports.ServiceNowAuditLog}).
 * Nothing here maps to the canonical ticket yet; malformed rows come out as
 * {@link io.demandloop.shared.imports.RowProblem}s so one bad row never stops a years-long import.
 */
package io.demandloop.shared.imports;
