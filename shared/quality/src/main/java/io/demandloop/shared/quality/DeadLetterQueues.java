package io.demandloop.shared.quality;

import java.util.List;
import java.util.Objects;

/**
 * Port: the depth of the dead-letter and failure queues, for the report's data quality section. A depth that cannot be
 * read is {@code null}, never 0: the report says "not available".
 */
public interface DeadLetterQueues {

    /** Each configured queue's depth, sorted by name; empty when none is configured. */
    List<Depth> depths();

    /**
     * One queue.
     *
     * @param queue    its name
     * @param messages the messages in it not yet delivered (on SQS {@code ApproximateNumberOfMessages} plus
     *                 {@code ApproximateNumberOfMessagesNotVisible}); null when it could not be read
     */
    record Depth(String queue, Long messages) {
        public Depth {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /** No queue configured. */
    static DeadLetterQueues none() {
        return List::of;
    }
}
