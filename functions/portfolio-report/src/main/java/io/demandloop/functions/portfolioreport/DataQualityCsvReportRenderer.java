package io.demandloop.functions.portfolioreport;

import io.demandloop.functions.portfolioreport.model.DataQuality;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import java.util.List;

/**
 * {@code portfolio-data-quality.csv}: one row per finding, {@code kind} saying which: {@code refused} (per source and
 * reason), {@code dead-letters} (per queue), {@code unknown-service}, {@code newest-record} (per source). A count that
 * could not be read is an empty {@code value} with {@code available} false: "not available", never 0.
 */
final class DataQualityCsvReportRenderer implements CsvReportFile {

    static final List<String> HEADER = List.of("kind", "source_or_queue", "reason", "value", "available", "newest",
            "silent_days", "as_of");

    @Override
    public String fileName() {
        return "portfolio-data-quality.csv";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        CsvTable csv = new CsvTable(HEADER);
        DataQuality q = report.dataQuality();
        if (!q.refusals().available()) {
            csv.row("refused", null, null, null, false, null, null, report.asOf());
        }
        for (DataQuality.RefusalCount c : q.refusals().counts()) {
            csv.row("refused", c.source(), c.reason(), c.count(), true, null, null, report.asOf());
        }
        if (!q.deadLetters().available()) {
            csv.row("dead-letters", null, null, null, false, null, null, report.asOf());
        }
        for (DataQuality.QueueDepth d : q.deadLetters().queues()) {
            csv.row("dead-letters", d.queue(), null, d.messages(), d.messages() != null, null, null, report.asOf());
        }
        csv.row("unknown-service", null, null, q.unknownService(), true, null, null, report.asOf());
        for (DataQuality.SourceFreshness s : q.sources()) {
            csv.row("newest-record", s.source(), null, null, true, s.newest(), s.silentDays(), report.asOf());
        }
        return csv.bytes();
    }
}
