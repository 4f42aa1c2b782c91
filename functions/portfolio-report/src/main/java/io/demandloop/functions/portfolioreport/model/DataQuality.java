package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a reader needs to trust the numbers: deliveries the intake refused, messages in the dead-letter queues,
 * tickets no service could be found for, and the newest record of each source (a tool that went silent shows).
 * A count that could not be read is {@code null} with {@code available: false}: "not available", never 0.
 *
 * @param refusals        deliveries refused in the report's window, by source and reason
 * @param deadLetters     the dead-letter and failure queues' depth, by queue
 * @param unknownService  tickets opened in the window whose service is {@code unknown}
 * @param sources         the newest record per source among what the report read, oldest first (the silent ones
 *                        lead)
 */
@JsonPropertyOrder({"refusals", "deadLetters", "unknownService", "sources"})
public record DataQuality(Refusals refusals, DeadLetters deadLetters, int unknownService, List<SourceFreshness> sources) {

    public DataQuality {
        Objects.requireNonNull(refusals, "refusals");
        Objects.requireNonNull(deadLetters, "deadLetters");
        sources = List.copyOf(sources);
    }

    /**
     * Refused deliveries.
     *
     * @param available false when the counters could not be read (then {@code counts} is empty and {@code total}
     *                  null)
     * @param total     the sum of {@code counts}; null when not available
     * @param counts    per source and reason, sorted by source, then reason
     */
    @JsonPropertyOrder({"available", "total", "counts"})
    public record Refusals(boolean available, @JsonInclude(JsonInclude.Include.ALWAYS) Long total,
                           List<RefusalCount> counts) {
        public Refusals {
            counts = List.copyOf(counts);
        }

        /** Counters that could not be read. */
        public static Refusals notAvailable() {
            return new Refusals(false, null, List.of());
        }

        /** The counters read. */
        public static Refusals of(List<RefusalCount> counts) {
            return new Refusals(true, counts.stream().mapToLong(RefusalCount::count).sum(), counts);
        }
    }

    /**
     * Deliveries of one source refused for one reason.
     *
     * @param source the source, e.g. {@code servicenow}
     * @param reason e.g. {@code unauthorised}, {@code invalid-record}
     * @param count  in the window
     */
    @JsonPropertyOrder({"source", "reason", "count"})
    public record RefusalCount(String source, String reason, long count) {
        public RefusalCount {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The dead-letter queues.
     *
     * @param available false when no queue is configured or the depths could not be read at all
     * @param queues    per queue, sorted by name; empty when not available
     */
    @JsonPropertyOrder({"available", "queues"})
    public record DeadLetters(boolean available, List<QueueDepth> queues) {
        public DeadLetters {
            queues = List.copyOf(queues);
        }

        /** No queue could be read. */
        public static DeadLetters notAvailable() {
            return new DeadLetters(false, List.of());
        }
    }

    /**
     * One queue's depth.
     *
     * @param queue    the queue's name
     * @param messages the messages not yet delivered (on SQS {@code ApproximateNumberOfMessages} plus
     *                 {@code ApproximateNumberOfMessagesNotVisible}); null when it could not be read
     */
    @JsonPropertyOrder({"queue", "messages"})
    public record QueueDepth(String queue, @JsonInclude(JsonInclude.Include.ALWAYS) Long messages) {
        public QueueDepth {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * The newest record of one source among the tickets the report read.
     *
     * @param source      the source
     * @param newest      the newest {@code sourceUpdatedAt} (else {@code openedAt}) of its records
     * @param silentDays  whole days from {@code newest} to the as-of instant
     */
    @JsonPropertyOrder({"source", "newest", "silentDays"})
    public record SourceFreshness(String source, Instant newest, long silentDays) {
        public SourceFreshness {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(newest, "newest");
        }
    }
}
