package io.demandloop.shared.ticket;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Objects;

/**
 * The canonical ticket (DESIGN.md §4): what every ticket tool's record is normalised into before it goes
 * onto the bus. Personal data (callers, reporters, assignees) is never part of it.
 *
 * @param source            the tool, e.g. {@code servicenow}
 * @param sourceId          the tool's stable identity of the record (ServiceNow: its {@code number}, unique per table)
 * @param kind              incident, request, problem or change
 * @param number            the human-facing number, e.g. {@code INC0010001}; may be null
 * @param service           the service the ticket is about; {@code unknown} when the source names none
 * @param configurationItem the CI named by the source; may be null
 * @param priority          1 (highest) to 5
 * @param state             the canonical state
 * @param openedAt          when the ticket was opened
 * @param resolvedAt        when it was resolved; null while unresolved
 * @param closedAt          when it was closed; null while not closed
 * @param department        the requesting department; may be null
 * @param assignmentGroup   the team working on it; may be null
 * @param effortMinutes     effort recorded at the source; null when the source records none
 * @param category          the source's category; may be null
 * @param title             the short description, trimmed to a bounded length
 * @param sourceVersion     the source's version counter; a higher one is newer
 * @param sourceUpdatedAt   when the source last changed the record
 * @param reopenCount       how often the source reopened it
 * @param link              a URL back to the record at the source; may be null
 * @param change            for a change: its outcome and window; null for other kinds
 * @param signals           what the source says about the ticket for the demand evaluation (linked problem,
 *                          symptom, its own SLA verdict); null when it says nothing, never empty
 */
public record Ticket(
        String source,
        String sourceId,
        TicketKind kind,
        String number,
        String service,
        String configurationItem,
        int priority,
        TicketState state,
        Instant openedAt,
        Instant resolvedAt,
        Instant closedAt,
        String department,
        String assignmentGroup,
        Integer effortMinutes,
        String category,
        String title,
        long sourceVersion,
        Instant sourceUpdatedAt,
        int reopenCount,
        String link,
        ChangeDetails change,
        TicketSignals signals) {

    /** The service name used when the source names none. */
    public static final String UNKNOWN_SERVICE = "unknown";

    /** The longest source id accepted: it is part of the DynamoDB key (at most 2 048 bytes). */
    public static final int MAX_ID_LENGTH = 512;

    /** The longest name kept (number, service, CI, department, group, category, title); longer ones are cut. */
    public static final int MAX_NAME_LENGTH = 200;

    /** A ticket that is not a change (no {@link ChangeDetails}). */
    public Ticket(String source, String sourceId, TicketKind kind, String number, String service,
                  String configurationItem, int priority, TicketState state, Instant openedAt, Instant resolvedAt,
                  Instant closedAt, String department, String assignmentGroup, Integer effortMinutes, String category,
                  String title, long sourceVersion, Instant sourceUpdatedAt, int reopenCount, String link) {
        this(source, sourceId, kind, number, service, configurationItem, priority, state, openedAt, resolvedAt,
                closedAt, department, assignmentGroup, effortMinutes, category, title, sourceVersion, sourceUpdatedAt,
                reopenCount, link, null, null);
    }

    /** A ticket without {@link TicketSignals}. */
    public Ticket(String source, String sourceId, TicketKind kind, String number, String service,
                  String configurationItem, int priority, TicketState state, Instant openedAt, Instant resolvedAt,
                  Instant closedAt, String department, String assignmentGroup, Integer effortMinutes, String category,
                  String title, long sourceVersion, Instant sourceUpdatedAt, int reopenCount, String link,
                  ChangeDetails change) {
        this(source, sourceId, kind, number, service, configurationItem, priority, state, openedAt, resolvedAt,
                closedAt, department, assignmentGroup, effortMinutes, category, title, sourceVersion, sourceUpdatedAt,
                reopenCount, link, change, null);
    }

    public Ticket {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        if (sourceId.isEmpty() || sourceId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("sourceId must be 1 to " + MAX_ID_LENGTH + " characters, was " + sourceId.length());
        }
        // Names are bounded so that a record stays a small item and one bus entry, whatever a source sends.
        number = bounded(number);
        service = bounded(service);
        configurationItem = bounded(configurationItem);
        department = bounded(department);
        assignmentGroup = bounded(assignmentGroup);
        category = bounded(category);
        title = bounded(title);
        // Signals that say nothing are none, so that such a ticket is equal to, and stored and sent as, one without.
        signals = signals == null || signals.isEmpty() ? null : signals;
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("priority must be 1 to 5, was " + priority);
        }
        if (sourceVersion < 0) {
            throw new IllegalArgumentException("sourceVersion must not be negative, was " + sourceVersion);
        }
    }

    /** The value, cut to {@link #MAX_NAME_LENGTH} characters (never inside a surrogate pair); null stays null. */
    public static String bounded(String value) {
        if (value == null || value.length() <= MAX_NAME_LENGTH) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_NAME_LENGTH - 1)) ? MAX_NAME_LENGTH - 1 : MAX_NAME_LENGTH;
        return value.substring(0, end);
    }

    /** The identity of the ticket across all sources: source, kind and source id. */
    @JsonIgnore
    public String key() {
        return key(source, kind, sourceId);
    }

    /** Builds the identity {@link #key()} from its parts. */
    public static String key(String source, TicketKind kind, String sourceId) {
        return source + "#" + kind.wireName() + "#" + sourceId;
    }

    /** Whether the ticket was resolved (or closed, or cancelled) at or before {@code instant}. */
    public boolean isFinishedAt(Instant instant) {
        Instant finishedAt = finishedAt();
        return finishedAt != null && !finishedAt.isAfter(instant);
    }

    /** When work on the ticket ended: resolved, else closed, else the last update of a cancelled ticket. */
    @JsonIgnore
    public Instant finishedAt() {
        if (resolvedAt != null) {
            return resolvedAt;
        }
        if (closedAt != null) {
            return closedAt;
        }
        return state.isTerminal() ? sourceUpdatedAt : null;
    }
}
