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
 * @param demandTable      the demand table, whose capacity snapshots give the support load ({@code DEMAND_TABLE})
 * @param flagShare        the share of a team's capacity at or above which its support load is flagged
 *                         ({@code SUPPORT_LOAD_FLAG_SHARE}, above 0; 1 is the whole capacity)
 * @param outcomesTable    the outcomes table, whose current outcomes the report lists ({@code OUTCOMES_TABLE})
 * @param initiativesTable the initiatives table, for the initiatives in flight and delivered ({@code INITIATIVES_TABLE})
 * @param alertsTable      the alerts table, whose episodes give the alert noise per service ({@code ALERTS_TABLE})
 * @param linkExpiry       how long the presigned links in the job's result stay valid ({@code REPORT_LINK_EXPIRY},
 *                         an ISO-8601 duration such as {@code P7D}; positive, at most seven days)
 * @param deadLetterQueueUrls every dead-letter and failure queue's URL by its name ({@code DEAD_LETTER_QUEUE_URLS},
 *                         {@code Name=url} pairs separated by commas; the template names each queue by its logical id)
 */
public record PortfolioReportConfig(String ticketsTable, String reportsBucket, int reportWindowDays, String eventBusName,
                                    String slaTable, String demandTable, double flagShare, String outcomesTable,
                                    String initiativesTable, String alertsTable, java.time.Duration linkExpiry,
                                    java.util.Map<String, String> deadLetterQueueUrls) {

    public static final String TICKETS_TABLE = "TICKETS_TABLE";
    public static final String REPORTS_BUCKET = "REPORTS_BUCKET";
    public static final String REPORT_WINDOW_DAYS = "REPORT_WINDOW_DAYS";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String SLA_TABLE = "SLA_TABLE";
    public static final String DEMAND_TABLE = "DEMAND_TABLE";
    public static final String SUPPORT_LOAD_FLAG_SHARE = "SUPPORT_LOAD_FLAG_SHARE";
    public static final String OUTCOMES_TABLE = "OUTCOMES_TABLE";
    public static final String INITIATIVES_TABLE = "INITIATIVES_TABLE";
    public static final String ALERTS_TABLE = "ALERTS_TABLE";
    public static final String REPORT_LINK_EXPIRY = "REPORT_LINK_EXPIRY";
    public static final String DEAD_LETTER_QUEUE_URLS = "DEAD_LETTER_QUEUE_URLS";

    /** Every variable this function reads; the template contract test compares it with template.yaml. */
    public static final List<String> VARIABLES = List.of(TICKETS_TABLE, REPORTS_BUCKET, REPORT_WINDOW_DAYS, EVENT_BUS_NAME,
            SLA_TABLE, DEMAND_TABLE, SUPPORT_LOAD_FLAG_SHARE, OUTCOMES_TABLE, INITIATIVES_TABLE, ALERTS_TABLE,
            REPORT_LINK_EXPIRY, DEAD_LETTER_QUEUE_URLS);

    public PortfolioReportConfig {
        requireText(ticketsTable, "ticketsTable");
        requireText(reportsBucket, "reportsBucket");
        requireText(eventBusName, "eventBusName");
        requireText(slaTable, "slaTable");
        requireText(demandTable, "demandTable");
        requireText(outcomesTable, "outcomesTable");
        requireText(initiativesTable, "initiativesTable");
        requireText(alertsTable, "alertsTable");
        io.demandloop.shared.report.ReportLinker.checkExpiry(linkExpiry);
        deadLetterQueueUrls = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Objects.requireNonNull(deadLetterQueueUrls, "deadLetterQueueUrls")));
        if (reportWindowDays < 1) {
            throw new IllegalArgumentException("reportWindowDays must be at least 1, was " + reportWindowDays);
        }
        if (!(flagShare > 0)) {
            throw new IllegalArgumentException("flagShare must be above 0, was " + flagShare);
        }
    }

    /** Reads every variable; fails naming the first one that is missing or malformed. */
    public static PortfolioReportConfig fromEnvironment() {
        return new PortfolioReportConfig(
                FunctionEnvironment.required(TICKETS_TABLE),
                FunctionEnvironment.required(REPORTS_BUCKET),
                positiveWholeNumber(REPORT_WINDOW_DAYS),
                FunctionEnvironment.required(EVENT_BUS_NAME),
                FunctionEnvironment.required(SLA_TABLE),
                FunctionEnvironment.required(DEMAND_TABLE),
                share(SUPPORT_LOAD_FLAG_SHARE),
                FunctionEnvironment.required(OUTCOMES_TABLE),
                FunctionEnvironment.required(INITIATIVES_TABLE),
                FunctionEnvironment.required(ALERTS_TABLE),
                linkExpiry(REPORT_LINK_EXPIRY),
                queueUrls(DEAD_LETTER_QUEUE_URLS));
    }

    /**
     * {@code Name=url} pairs separated by commas, in the template's order: at least one, each name once, neither part
     * blank. A malformed value fails at init naming the variable, so a wiring mistake is not a report that quietly
     * says "not available".
     */
    static java.util.Map<String, String> queueUrls(String name) {
        String value = FunctionEnvironment.required(name);
        java.util.Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (String pair : value.split(",", -1)) {
            int equals = pair.indexOf('=');
            String queue = equals < 0 ? "" : pair.substring(0, equals).trim();
            String url = equals < 0 ? "" : pair.substring(equals + 1).trim();
            if (queue.isEmpty() || url.isEmpty()) {
                throw new MissingConfigurationException(name + " must be Name=url pairs separated by commas, found '"
                        + pair.trim() + "' in '" + value + "'");
            }
            if (urls.put(queue, url) != null) {
                throw new MissingConfigurationException(name + " names queue " + queue + " twice");
            }
        }
        return urls;
    }

    /** An ISO-8601 duration, positive and at most seven days (SigV4's limit on a presigned URL). */
    public static java.time.Duration linkExpiry(String name) {
        String value = FunctionEnvironment.required(name);
        java.time.Duration parsed;
        try {
            parsed = java.time.Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new MissingConfigurationException(name + " must be an ISO-8601 duration such as P7D or PT12H, was '"
                    + value + "'");
        }
        try {
            return io.demandloop.shared.report.ReportLinker.checkExpiry(parsed);
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException(name + ": " + e.getMessage());
        }
    }

    // A share of capacity: 0.5 is half of it. Above 0; above 1 is allowed (flag only teams over capacity and more).
    private static double share(String name) {
        String value = FunctionEnvironment.required(name);
        try {
            double parsed = Double.parseDouble(value);
            if (parsed > 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the name
        }
        throw new MissingConfigurationException(name + " must be a share of capacity above 0 (0.5 is half), was '"
                + value + "'");
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
