package io.demandloop.shared.imports;

import java.time.Duration;
import java.util.Map;

/**
 * What an import did.
 *
 * @param format         the export format
 * @param input          the file or object imported
 * @param rowsRead       data rows read (accepted and rejected)
 * @param rowsRejected   rows that describe no ticket (malformed, or refused by the mapping), each written to the
 *                       rejected-rows file
 * @param rowsSuperseded accepted rows not written because a newer row of the same record followed them (an audit
 *                       trail has a row per update; only the newest is written)
 * @param records        records written (conditional writes attempted; a record whose rows are not next to each
 *                       other in the file counts once per run of rows)
 * @param stored         records stored: new, or newer than the stored version
 * @param unchanged      records skipped: the same or a newer version was already stored (a second import, or live
 *                       intake got there first)
 * @param failed         records that could not be written after every retry; their rows are in the
 *                       rejected-rows file too, to import again
 * @param rejectReasons  the commonest reasons for rejected rows and failed records, with how often each occurred
 * @param elapsed        how long the import took
 * @param rejectedRows   where the rejected rows were written; null when there were none
 * @param rowsNotWritten rows not written because the file broke while their record was being read (rows of it may
 *                       have been lost); 0 when the file was read to its end
 * @param notWrittenRecord the key of that record; null when none
 * @param broken         why and where the file broke mid-way; null when it was read to its end
 *
 * <p>The counts add up: {@code rowsRead = rowsRejected + rowsSuperseded + records + rowsNotWritten} and
 * {@code records = stored + unchanged + failed}.
 */
public record ImportSummary(
        String format,
        String input,
        long rowsRead,
        long rowsRejected,
        long rowsSuperseded,
        long records,
        long stored,
        long unchanged,
        long failed,
        Map<String, Long> rejectReasons,
        Duration elapsed,
        String rejectedRows,
        long rowsNotWritten,
        String notWrittenRecord,
        String broken) {

    public ImportSummary {
        rejectReasons = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectReasons));
    }

    /** A summary of a file read to its end. */
    public ImportSummary(String format, String input, long rowsRead, long rowsRejected, long rowsSuperseded, long records,
                         long stored, long unchanged, long failed, Map<String, Long> rejectReasons, Duration elapsed,
                         String rejectedRows) {
        this(format, input, rowsRead, rowsRejected, rowsSuperseded, records, stored, unchanged, failed, rejectReasons,
                elapsed, rejectedRows, 0, null, null);
    }

    /** The summary for people, a line each: counts, then the reasons for rejected rows, then where they went. */
    public java.util.List<String> describe() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "imported %s (%s) in %.1f s", input, format,
                elapsed.toMillis() / 1000.0));
        lines.add(String.format(java.util.Locale.ROOT,
                "  rows read %,d: %,d rejected, %,d superseded by a newer row of the same record", rowsRead,
                rowsRejected, rowsSuperseded));
        lines.add(String.format(java.util.Locale.ROOT,
                "  records %,d: %,d stored, %,d unchanged (same or newer version already stored), %,d failed",
                records, stored, unchanged, failed));
        rejectReasons.forEach((reason, count) ->
                lines.add(String.format(java.util.Locale.ROOT, "  %,8d x %s", count, reason)));
        if (rejectedRows != null) {
            lines.add("  rejected rows (fix and import again): " + rejectedRows);
        }
        if (broken != null) {
            lines.add("  INCOMPLETE: " + broken);
            if (notWrittenRecord != null) {
                lines.add(String.format(java.util.Locale.ROOT, "  not written: %s (%,d rows), the record being read at the"
                        + " break; import the complete file again to finish", notWrittenRecord, rowsNotWritten));
            } else {
                lines.add("  import the complete file again to finish");
            }
        }
        return lines;
    }

    /** Whether every record read was stored or already there, and the file was read to its end. */
    public boolean complete() {
        return failed == 0 && broken == null;
    }
}
