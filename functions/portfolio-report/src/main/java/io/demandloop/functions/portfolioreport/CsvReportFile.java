package io.demandloop.functions.portfolioreport;

/** A CSV file of the report ({@link CsvTable}): the content type all of them share. */
interface CsvReportFile extends ReportRenderer {

    @Override
    default String contentType() {
        return "text/csv; charset=utf-8";
    }
}
