package io.demandloop.shared.imports;

import java.time.Instant;

/**
 * One row of a ServiceNow incident audit log (the {@code incident_event_log.csv} export): a full snapshot of an
 * incident after one update, typed but not yet interpreted. Every text value is trimmed with inner runs of spaces
 * collapsed ({@code "Opened by  8"} becomes {@code "Opened by 8"}); {@code ?}, an empty value or an absent optional
 * column is {@code null}. Instants are the export's wall-clock minutes read as UTC. Impact, urgency and priority
 * are the leading numbers of values like {@code "2 - Medium"} (1 to 5).
 *
 * @param notification the {@code notify} column (renamed: {@code notify} is a method of every object)
 * @param line the 1-based line of the file where the row starts
 * @param sysModCount ServiceNow's update counter: it has gaps, duplicates and goes backwards in real exports, so it
 *     orders nothing on its own
 */
public record ServiceNowAuditRow(
        long line,
        String number,
        String incidentState,
        Boolean active,
        Integer reassignmentCount,
        Integer reopenCount,
        Integer sysModCount,
        Boolean madeSla,
        String callerId,
        String openedBy,
        Instant openedAt,
        String sysCreatedBy,
        Instant sysCreatedAt,
        String sysUpdatedBy,
        Instant sysUpdatedAt,
        String contactType,
        String location,
        String category,
        String subcategory,
        String uSymptom,
        String cmdbCi,
        Integer impact,
        Integer urgency,
        Integer priority,
        String assignmentGroup,
        String assignedTo,
        Boolean knowledge,
        Boolean uPriorityConfirmation,
        String notification,
        String problemId,
        String rfc,
        String vendor,
        String causedBy,
        String closedCode,
        String resolvedBy,
        Instant resolvedAt,
        Instant closedAt) {
}
