package io.demandloop.shared.imports;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.source.servicenow.ServiceNowNormaliser;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.time.Digits;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ServiceNow list exports and audit trails (CSV, plain or zipped): one row is one snapshot of a record, and an
 * audit trail has many rows per record. Each row goes through the webhook intake's {@link ServiceNowNormaliser}
 * with the same configuration (section {@code servicenow}: tables, state codes and labels, fields, service aliases),
 * so an imported record has exactly the identity ({@code number}) and version ({@code sys_mod_count}) of the same
 * record received live.
 *
 * <p>Export quirks, from section {@code imports.servicenow}: values are trimmed with inner space runs collapsed;
 * the {@code missing} markers (default {@code ?}) mean no value; dates are read in {@code dates.format} and
 * {@code dates.zone} (default: day-first {@code d/M/yyyy H:mm[:ss]}, then the Table API's formats, in UTC);
 * {@code incident_state} stands in for {@code state}, {@code sys_updated_at} for {@code sys_updated_on}; priorities
 * may read {@code 3 - Moderate}. A row the rules refuse (e.g. the state {@code -100}) is rejected, and reading goes
 * on.
 */
final class ServiceNowExportFormat implements ExportFormat {

    /** The configuration key of this format's export options. */
    static final String OPTIONS = "servicenow";

    /** Without these no row can be placed in a record's history; the state is checked separately. */
    static final List<String> REQUIRED_COLUMNS = List.of("number", "sys_mod_count", "opened_at", "priority");

    private final ServiceNowNormaliser normaliser;
    private final Set<String> missing;

    /**
     * Options of one export format.
     *
     * @param missing values that mean "no value"
     * @param dates   how the export writes dates
     */
    record Options(List<String> missing, DateOptions dates) {
    }

    /**
     * @param format {@code auto} (day-first {@code d/M/yyyy H:mm[:ss]}), or a {@link DateTimeFormatter} pattern
     * @param zone   the zone of the export's wall-clock times
     */
    record DateOptions(String format, String zone) {
    }

    ServiceNowExportFormat(DemandloopConfig config) {
        Options options = config.section("imports", OPTIONS, Options.class);
        this.missing = options.missing() == null ? Set.of() : Set.copyOf(options.missing());
        // Built here, so a servicenow section that cannot be used fails at start, before any row is read.
        this.normaliser = new ServiceNowNormaliser(config, exportDates(options.dates()));
    }

    @Override
    public String name() {
        return "servicenow";
    }

    @Override
    public TicketExportReader open(Reader csv) throws IOException {
        return new Rows(csv);
    }

    private final class Rows extends CsvTicketReader {

        Rows(Reader in) throws IOException {
            super(in, REQUIRED_COLUMNS, false);
            if (csv().indexOf("state") < 0 && csv().indexOf("incident_state") < 0) {
                throw new CsvFormatException("the header lacks a state column (state or incident_state); it has "
                        + csv().columns());
            }
        }

        @Override
        protected Ticket ticketOf(CsvRow row) {
            return normaliser.normaliseRecord(asObject(row, missing), "row");
        }
    }

    static ServiceNowNormaliser.ExportDates exportDates(DateOptions dates) {
        String format = dates == null || dates.format() == null ? "auto" : dates.format();
        String zoneName = dates == null || dates.zone() == null ? "UTC" : dates.zone();
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".dates.zone '" + zoneName
                    + "' is not a time zone (e.g. UTC, Europe/Berlin)");
        }
        if ("auto".equals(format)) {
            return new ServiceNowNormaliser.ExportDates(ServiceNowExportFormat::dayFirst, "d/M/yyyy H:mm[:ss]", zone);
        }
        DateTimeFormatter formatter;
        try {
            // Strict: 30/02 is an error, never 28 February.
            formatter = io.demandloop.shared.time.SourceTimes.strictPattern(format, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException("imports." + OPTIONS + ".dates.format '" + format
                    + "' is not a date pattern: " + e.getMessage());
        }
        return new ServiceNowNormaliser.ExportDates(value -> {
            try {
                return LocalDateTime.parse(value, formatter);
            } catch (DateTimeException e) {
                return null;
            }
        }, format, zone);
    }

    /**
     * {@code d/M/yyyy H:mm} with optional {@code :ss}, day first, as ServiceNow's {@code dd/MM/yyyy} and the
     * reference log write them; null when the value is not in that form or not a real date. Hand-parsed: a
     * {@link DateTimeFormatter} costs several times more, and an audit trail has four dates a row.
     */
    static LocalDateTime dayFirst(String value) {
        int slash1 = value.indexOf('/');
        int slash2 = slash1 < 0 ? -1 : value.indexOf('/', slash1 + 1);
        int space = slash2 < 0 ? -1 : value.indexOf(' ', slash2 + 1);
        int colon1 = space < 0 ? -1 : value.indexOf(':', space + 1);
        int colon2 = colon1 < 0 ? -1 : value.indexOf(':', colon1 + 1);
        if (colon1 < 0 || slash1 > 2 || slash2 - slash1 - 1 > 2 || space - slash2 - 1 != 4 || colon1 - space - 1 > 2) {
            return null;
        }
        int minuteEnd = colon2 < 0 ? value.length() : colon2;
        int day = Digits.parse(value, 0, slash1);
        int month = Digits.parse(value, slash1 + 1, slash2);
        int year = Digits.parse(value, slash2 + 1, space);
        int hour = Digits.parse(value, space + 1, colon1);
        int minute = minuteEnd - colon1 - 1 == 2 ? Digits.parse(value, colon1 + 1, minuteEnd) : -1;
        int second = colon2 < 0 ? 0 : value.length() - colon2 - 1 == 2 ? Digits.parse(value, colon2 + 1, value.length()) : -1;
        if (day < 0 || month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return null; // 31/2/2016, 25:00
        }
    }
}
