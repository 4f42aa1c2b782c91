package io.demandloop.functions.portfolioreport;

import io.demandloop.shared.config.FunctionEnvironment;
import io.demandloop.shared.config.MissingConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * The portfolio-report function's configuration, read once at init from the environment that
 * {@code template.yaml} sets on {@code PortfolioReportFunction}.
 *
 * @param ticketsTable     the tickets table ({@code TICKETS_TABLE})
 * @param reportsBucket    the bucket the reports are written to ({@code REPORTS_BUCKET})
 * @param reportWindowDays how many days back the report looks ({@code REPORT_WINDOW_DAYS})
 * @param eventBusName     the bus "Portfolio Report Published" goes to ({@code EVENT_BUS_NAME})
 * @param slaTable         the SLA table, whose states give the SLA compliance ({@code SLA_TABLE})
 */
public record PortfolioReportConfig(String ticketsTable, String reportsBucket, int reportWindowDays, String eventBusName,
                                    String slaTable) {

    public static final String TICKETS_TABLE = "TICKETS_TABLE";
    public static final String REPORTS_BUCKET = "REPORTS_BUCKET";
    public static final String REPORT_WINDOW_DAYS = "REPORT_WINDOW_DAYS";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String SLA_TABLE = "SLA_TABLE";

    /** Every variable this function reads; the template contract test compares it with template.yaml. */
    public static final List<String> VARIABLES = List.of(TICKETS_TABLE, REPORTS_BUCKET, REPORT_WINDOW_DAYS, EVENT_BUS_NAME,
            SLA_TABLE);

    public PortfolioReportConfig {
        requireText(ticketsTable, "ticketsTable");
        requireText(reportsBucket, "reportsBucket");
        requireText(eventBusName, "eventBusName");
        requireText(slaTable, "slaTable");
        if (reportWindowDays < 1) {
            throw new IllegalArgumentException("reportWindowDays must be at least 1, was " + reportWindowDays);
        }
    }

    /** Reads every variable; fails naming the first one that is missing or malformed. */
    public static PortfolioReportConfig fromEnvironment() {
        return new PortfolioReportConfig(
                FunctionEnvironment.required(TICKETS_TABLE),
                FunctionEnvironment.required(REPORTS_BUCKET),
                positiveWholeNumber(REPORT_WINDOW_DAYS),
                FunctionEnvironment.required(EVENT_BUS_NAME),
                FunctionEnvironment.required(SLA_TABLE));
    }

    // Required, unlike FunctionEnvironment.positiveInt: the template always sets it, so absence is a wiring error.
    private static int positiveWholeNumber(String name) {
        String value = FunctionEnvironment.required(name);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the name
        }
        throw new MissingConfigurationException(name + " must be a positive whole number of days, was '" + value + "'");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
