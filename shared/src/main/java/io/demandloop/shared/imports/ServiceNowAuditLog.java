package io.demandloop.shared.imports;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads a ServiceNow incident audit log export (the {@code incident_event_log.csv} format, plain or zipped) as
 * {@link ServiceNowAuditRow}s, streaming: memory does not grow with the file.
 *
 * <p>The export's quirks are handled here so that callers see typed values: {@code ?} is missing; values are
 * trimmed and their inner spaces collapsed; dates are {@code d/M/yyyy HH:mm} (day first, optional seconds, no
 * zone, read as UTC); impact, urgency and priority are the numbers of {@code "2 - Medium"}. A row that cannot be
 * typed (a negative {@code incident_state} such as {@code -100}, an unreadable date, number or flag, a missing
 * {@code number}) and every malformed CSV row goes to the {@link RowProblem} consumer, and reading goes on.
 *
 * <p>Only the columns that identify an update are required ({@link #REQUIRED_COLUMNS}); a user's export may leave
 * out the others, which then read as {@code null}.
 */
public final class ServiceNowAuditLog implements Closeable {

    /** Without these a row cannot be placed in an incident's history. */
    public static final List<String> REQUIRED_COLUMNS = List.of(
            "number", "incident_state", "sys_mod_count", "opened_at", "sys_updated_at");

    private final CsvReader csv;
    private final Consumer<RowProblem> problems;
    private final int number;
    private final int incidentState;
    private final int active;
    private final int reassignmentCount;
    private final int reopenCount;
    private final int sysModCount;
    private final int madeSla;
    private final int callerId;
    private final int openedBy;
    private final int openedAt;
    private final int sysCreatedBy;
    private final int sysCreatedAt;
    private final int sysUpdatedBy;
    private final int sysUpdatedAt;
    private final int contactType;
    private final int location;
    private final int category;
    private final int subcategory;
    private final int uSymptom;
    private final int cmdbCi;
    private final int impact;
    private final int urgency;
    private final int priority;
    private final int assignmentGroup;
    private final int assignedTo;
    private final int knowledge;
    private final int uPriorityConfirmation;
    private final int notify;
    private final int problemId;
    private final int rfc;
    private final int vendor;
    private final int causedBy;
    private final int closedCode;
    private final int resolvedBy;
    private final int resolvedAt;
    private final int closedAt;

    private ServiceNowAuditLog(Reader in, Consumer<RowProblem> problems) throws IOException {
        this.problems = Objects.requireNonNull(problems, "problems");
        this.csv = CsvReader.open(in, REQUIRED_COLUMNS, problems);
        number = csv.indexOf("number");
        incidentState = csv.indexOf("incident_state");
        active = csv.indexOf("active");
        reassignmentCount = csv.indexOf("reassignment_count");
        reopenCount = csv.indexOf("reopen_count");
        sysModCount = csv.indexOf("sys_mod_count");
        madeSla = csv.indexOf("made_sla");
        callerId = csv.indexOf("caller_id");
        openedBy = csv.indexOf("opened_by");
        openedAt = csv.indexOf("opened_at");
        sysCreatedBy = csv.indexOf("sys_created_by");
        sysCreatedAt = csv.indexOf("sys_created_at");
        sysUpdatedBy = csv.indexOf("sys_updated_by");
        sysUpdatedAt = csv.indexOf("sys_updated_at");
        contactType = csv.indexOf("contact_type");
        location = csv.indexOf("location");
        category = csv.indexOf("category");
        subcategory = csv.indexOf("subcategory");
        uSymptom = csv.indexOf("u_symptom");
        cmdbCi = csv.indexOf("cmdb_ci");
        impact = csv.indexOf("impact");
        urgency = csv.indexOf("urgency");
        priority = csv.indexOf("priority");
        assignmentGroup = csv.indexOf("assignment_group");
        assignedTo = csv.indexOf("assigned_to");
        knowledge = csv.indexOf("knowledge");
        uPriorityConfirmation = csv.indexOf("u_priority_confirmation");
        notify = csv.indexOf("notify");
        problemId = csv.indexOf("problem_id");
        rfc = csv.indexOf("rfc");
        vendor = csv.indexOf("vendor");
        causedBy = csv.indexOf("caused_by");
        closedCode = csv.indexOf("closed_code");
        resolvedBy = csv.indexOf("resolved_by");
        resolvedAt = csv.indexOf("resolved_at");
        closedAt = csv.indexOf("closed_at");
    }

    /** Reads CSV text (its header first). */
    public static ServiceNowAuditLog read(Reader csv, Consumer<RowProblem> problems) throws IOException {
        return new ServiceNowAuditLog(csv, problems);
    }

    /**
     * Opens a file: a zip (recognised by its signature, whatever its name) is read from its first {@code .csv}
     * entry, skipping {@code __MACOSX/} and {@code ._} resource forks; anything else is read as UTF-8 CSV.
     */
    public static ServiceNowAuditLog open(Path file, Consumer<RowProblem> problems) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(4);
            byte[] magic = raw.readNBytes(4);
            raw.reset();
            InputStream content = raw;
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                content = csvEntry(new ZipInputStream(raw), file);
            }
            return read(new InputStreamReader(content, StandardCharsets.UTF_8), problems);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream csvEntry(ZipInputStream zip, Path file) throws IOException {
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            String name = entry.getName();
            String base = name.substring(name.lastIndexOf('/') + 1);
            // macOS archivers add __MACOSX/._name resource forks that look like CSV files but are binary.
            if (!entry.isDirectory() && !name.startsWith("__MACOSX/") && !base.startsWith("._")
                    && base.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return zip;
            }
        }
        throw new CsvFormatException("no .csv entry in the zip " + file);
    }

    /** The CSV header's columns, in file order. */
    public List<String> columns() {
        return csv.columns();
    }

    /** The next typed row, or {@code null} at the end; rows that cannot be typed go to the problem consumer. */
    public ServiceNowAuditRow next() throws IOException {
        for (CsvRow row = csv.next(); row != null; row = csv.next()) {
            try {
                return typed(row);
            } catch (BadValueException e) {
                problems.accept(new RowProblem(row.line(), e.getMessage()));
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private ServiceNowAuditRow typed(CsvRow row) {
        String id = text(row, number);
        if (id == null) {
            throw new BadValueException("number is missing");
        }
        String state = text(row, incidentState);
        if (state != null && isNegativeNumber(state)) {
            // The reference export has five rows with incident_state -100: no state of the workflow, so no
            // snapshot of it can be trusted. A non-negative number is kept: an export without display values
            // carries ServiceNow's state codes (6 = Resolved), which the mapping layer can still interpret.
            throw new BadValueException("incident_state '" + state + "' is not a state name");
        }
        return new ServiceNowAuditRow(
                row.line(), id, state,
                flag(row, active, "active"),
                count(row, reassignmentCount, "reassignment_count"),
                count(row, reopenCount, "reopen_count"),
                count(row, sysModCount, "sys_mod_count"),
                flag(row, madeSla, "made_sla"),
                text(row, callerId),
                text(row, openedBy),
                instant(row, openedAt, "opened_at"),
                text(row, sysCreatedBy),
                instant(row, sysCreatedAt, "sys_created_at"),
                text(row, sysUpdatedBy),
                instant(row, sysUpdatedAt, "sys_updated_at"),
                text(row, contactType),
                text(row, location),
                text(row, category),
                text(row, subcategory),
                text(row, uSymptom),
                text(row, cmdbCi),
                level(row, impact, "impact"),
                level(row, urgency, "urgency"),
                level(row, priority, "priority"),
                text(row, assignmentGroup),
                text(row, assignedTo),
                flag(row, knowledge, "knowledge"),
                flag(row, uPriorityConfirmation, "u_priority_confirmation"),
                text(row, notify),
                text(row, problemId),
                text(row, rfc),
                text(row, vendor),
                text(row, causedBy),
                text(row, closedCode),
                text(row, resolvedBy),
                instant(row, resolvedAt, "resolved_at"),
                instant(row, closedAt, "closed_at"));
    }

    /** The value, trimmed and with inner whitespace runs collapsed to one space; null for ?, empty or no column. */
    static String text(CsvRow row, int position) {
        return position < 0 ? null : normalise(row.get(position));
    }

    static String normalise(String value) {
        int length = value.length();
        int start = 0;
        int end = length;
        while (start < end && Character.isWhitespace(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
            end--;
        }
        if (start == end || (end - start == 1 && value.charAt(start) == '?')) {
            return null;
        }
        // Most values need nothing more: avoid a copy unless there is a run of spaces or a tab inside.
        boolean clean = true;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c != ' ' && Character.isWhitespace(c) || c == ' ' && value.charAt(i + 1) == ' ') {
                clean = false;
                break;
            }
        }
        if (clean) {
            return start == 0 && end == length ? value : value.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isNegativeNumber(String value) {
        if (value.length() < 2 || value.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Boolean flag(CsvRow row, int position, String column) {
        String value = text(row, position);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new BadValueException(column + " '" + value + "' is neither true nor false");
    }

    private static Integer count(CsvRow row, int position, String column) {
        String value = text(row, position);
        if (value == null) {
            return null;
        }
        int n = digits(value, 0, value.length());
        if (n < 0) {
            throw new BadValueException(column + " '" + value + "' is not a count");
        }
        return n;
    }

    /** {@code "2 - Medium"} or {@code "2"} to 2; ServiceNow's scales run from 1 (highest) to 5. */
    private static Integer level(CsvRow row, int position, String column) {
        String value = text(row, position);
        if (value == null) {
            return null;
        }
        int end = 0;
        while (end < value.length() && value.charAt(end) >= '0' && value.charAt(end) <= '9') {
            end++;
        }
        int n = digits(value, 0, end);
        int label = end;
        while (label < value.length() && value.charAt(label) == ' ') {
            label++;
        }
        boolean labelled = end == value.length() || label < value.length() && value.charAt(label) == '-';
        if (n < 1 || n > 5 || !labelled) {
            throw new BadValueException(column + " '" + value + "' is not a level from 1 to 5");
        }
        return n;
    }

    /** The export's {@code d/M/yyyy H:mm} (optionally {@code :ss}), read as UTC: the export carries no zone. */
    private static Instant instant(CsvRow row, int position, String column) {
        String value = text(row, position);
        if (value == null) {
            return null;
        }
        // Hand-parsed: DateTimeFormatter costs several times more and this runs five times per row.
        int slash1 = value.indexOf('/');
        int slash2 = slash1 < 0 ? -1 : value.indexOf('/', slash1 + 1);
        int space = slash2 < 0 ? -1 : value.indexOf(' ', slash2 + 1);
        int colon1 = space < 0 ? -1 : value.indexOf(':', space + 1);
        int colon2 = colon1 < 0 ? -1 : value.indexOf(':', colon1 + 1);
        int minuteEnd = colon2 < 0 ? value.length() : colon2;
        int day = digits(value, 0, slash1);
        int month = digits(value, slash1 + 1, slash2);
        int year = digits(value, slash2 + 1, space);
        int hour = digits(value, space + 1, colon1);
        int minute = digits(value, colon1 + 1, minuteEnd);
        int second = colon2 < 0 ? 0 : digits(value, colon2 + 1, value.length());
        if (colon1 < 0 || day < 0 || month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0
                || slash2 - slash1 - 1 > 2 || space - slash2 - 1 != 4) {
            throw new BadValueException(column + " '" + value + "' is not a d/M/yyyy HH:mm date");
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new BadValueException(column + " '" + value + "' is not a date: " + e.getMessage());
        }
    }

    /** The decimal number in {@code [start, end)}, or -1 if it is empty, not all digits or too long. */
    private static int digits(String value, int start, int end) {
        if (start < 0 || end <= start || end - start > 9) {
            return -1;
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A value that cannot be typed; becomes a {@link RowProblem}, never leaves this class. */
    private static final class BadValueException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadValueException(String message) {
            super(message, null, false, false); // no stack trace: it is a data outcome, not a bug
        }
    }
}
