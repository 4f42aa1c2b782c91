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

    /** Validates and bounds; build tickets with {@link #builder()}, which names each component. */
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

    /** A builder with every component unset (null, or zero for the numbers). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ticket's components, for a copy that changes some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a {@link Ticket} by naming each component, so that two components of the same type cannot be swapped
     * silently. {@link #build()} validates and bounds exactly as the canonical constructor does. Code outside this
     * file builds tickets only through it ({@code RecordConstructionTest} checks that).
     */
    public static final class Builder {

        private String source;
        private String sourceId;
        private TicketKind kind;
        private String number;
        private String service;
        private String configurationItem;
        private int priority;
        private TicketState state;
        private Instant openedAt;
        private Instant resolvedAt;
        private Instant closedAt;
        private String department;
        private String assignmentGroup;
        private Integer effortMinutes;
        private String category;
        private String title;
        private long sourceVersion;
        private Instant sourceUpdatedAt;
        private int reopenCount;
        private String link;
        private ChangeDetails change;
        private TicketSignals signals;

        private Builder() {
        }

        private Builder(Ticket ticket) {
            this.source = ticket.source;
            this.sourceId = ticket.sourceId;
            this.kind = ticket.kind;
            this.number = ticket.number;
            this.service = ticket.service;
            this.configurationItem = ticket.configurationItem;
            this.priority = ticket.priority;
            this.state = ticket.state;
            this.openedAt = ticket.openedAt;
            this.resolvedAt = ticket.resolvedAt;
            this.closedAt = ticket.closedAt;
            this.department = ticket.department;
            this.assignmentGroup = ticket.assignmentGroup;
            this.effortMinutes = ticket.effortMinutes;
            this.category = ticket.category;
            this.title = ticket.title;
            this.sourceVersion = ticket.sourceVersion;
            this.sourceUpdatedAt = ticket.sourceUpdatedAt;
            this.reopenCount = ticket.reopenCount;
            this.link = ticket.link;
            this.change = ticket.change;
            this.signals = ticket.signals;
        }

        /** See {@link Ticket#source()}. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /** See {@link Ticket#sourceId()}. */
        public Builder sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        /** See {@link Ticket#kind()}. */
        public Builder kind(TicketKind kind) {
            this.kind = kind;
            return this;
        }

        /** See {@link Ticket#number()}. */
        public Builder number(String number) {
            this.number = number;
            return this;
        }

        /** See {@link Ticket#service()}. */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** See {@link Ticket#configurationItem()}. */
        public Builder configurationItem(String configurationItem) {
            this.configurationItem = configurationItem;
            return this;
        }

        /** See {@link Ticket#priority()}. */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /** See {@link Ticket#state()}. */
        public Builder state(TicketState state) {
            this.state = state;
            return this;
        }

        /** See {@link Ticket#openedAt()}. */
        public Builder openedAt(Instant openedAt) {
            this.openedAt = openedAt;
            return this;
        }

        /** See {@link Ticket#resolvedAt()}. */
        public Builder resolvedAt(Instant resolvedAt) {
            this.resolvedAt = resolvedAt;
            return this;
        }

        /** See {@link Ticket#closedAt()}. */
        public Builder closedAt(Instant closedAt) {
            this.closedAt = closedAt;
            return this;
        }

        /** See {@link Ticket#department()}. */
        public Builder department(String department) {
            this.department = department;
            return this;
        }

        /** See {@link Ticket#assignmentGroup()}. */
        public Builder assignmentGroup(String assignmentGroup) {
            this.assignmentGroup = assignmentGroup;
            return this;
        }

        /** See {@link Ticket#effortMinutes()}. */
        public Builder effortMinutes(Integer effortMinutes) {
            this.effortMinutes = effortMinutes;
            return this;
        }

        /** See {@link Ticket#category()}. */
        public Builder category(String category) {
            this.category = category;
            return this;
        }

        /** See {@link Ticket#title()}. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** See {@link Ticket#sourceVersion()}. */
        public Builder sourceVersion(long sourceVersion) {
            this.sourceVersion = sourceVersion;
            return this;
        }

        /** See {@link Ticket#sourceUpdatedAt()}. */
        public Builder sourceUpdatedAt(Instant sourceUpdatedAt) {
            this.sourceUpdatedAt = sourceUpdatedAt;
            return this;
        }

        /** See {@link Ticket#reopenCount()}. */
        public Builder reopenCount(int reopenCount) {
            this.reopenCount = reopenCount;
            return this;
        }

        /** See {@link Ticket#link()}. */
        public Builder link(String link) {
            this.link = link;
            return this;
        }

        /** See {@link Ticket#change()}. */
        public Builder change(ChangeDetails change) {
            this.change = change;
            return this;
        }

        /** See {@link Ticket#signals()}. */
        public Builder signals(TicketSignals signals) {
            this.signals = signals;
            return this;
        }

        /** The ticket; throws as the canonical constructor does when a component is missing or out of range. */
        public Ticket build() {
            return new Ticket(source, sourceId, kind, number, service, configurationItem, priority, state, openedAt,
                    resolvedAt, closedAt, department, assignmentGroup, effortMinutes, category, title, sourceVersion,
                    sourceUpdatedAt, reopenCount, link, change, signals);
        }
    }
}
