package io.demandloop.shared.events.aws;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventPublisher;
import io.demandloop.shared.events.PublishException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@link EventPublisher} on EventBridge {@code PutEvents}: sends at most ten entries a call, reads
 * {@code FailedEntryCount} and retries only the entries that failed, a bounded number of times.
 */
public final class EventBridgePublisher implements EventPublisher {

    /** PutEvents takes at most ten entries per call. */
    static final int MAX_ENTRIES_PER_CALL = 10;

    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);

    private final EventBridgeClient client;
    private final String busName;
    private final int maxAttempts;

    public EventBridgePublisher(EventBridgeClient client, String busName, int maxAttempts) {
        this.client = Objects.requireNonNull(client, "client");
        this.busName = Objects.requireNonNull(busName, "busName");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    /** A publisher to the named bus with its own client, built from the default settings. */
    public static EventBridgePublisher create(String busName) {
        EventBridgeClient client = AwsClients.lean(EventBridgeClient.builder()).build();
        return new EventBridgePublisher(client, busName, 3);
    }

    @Override
    public List<String> publish(List<BusEvent> events) {
        String[] ids = new String[events.size()];
        for (int start = 0; start < events.size(); start += MAX_ENTRIES_PER_CALL) {
            int end = Math.min(events.size(), start + MAX_ENTRIES_PER_CALL);
            publishBatch(events, start, end, ids);
        }
        return Arrays.asList(ids);
    }

    private void publishBatch(List<BusEvent> events, int start, int end, String[] ids) {
        List<Integer> pending = new ArrayList<>();
        for (int i = start; i < end; i++) {
            pending.add(i);
        }
        String lastError = null;
        for (int attempt = 1; attempt <= maxAttempts && !pending.isEmpty(); attempt++) {
            List<PutEventsRequestEntry> entries = new ArrayList<>(pending.size());
            for (int index : pending) {
                entries.add(toEntry(events.get(index)));
            }
            PutEventsResponse response;
            try {
                response = client.putEvents(PutEventsRequest.builder().entries(entries).build());
            } catch (SdkException e) {
                throw new PublishException("the bus " + busName + " could not be reached: " + e.getMessage(), e);
            }
            List<Integer> failed = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < pending.size(); i++) {
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                if (result != null && result.eventId() != null && result.errorCode() == null) {
                    ids[pending.get(i)] = result.eventId();
                } else {
                    failed.add(pending.get(i));
                    lastError = result == null ? "no result entry" : result.errorCode() + ": " + result.errorMessage();
                }
            }
            if (!failed.isEmpty()) {
                LOG.warn("PutEvents attempt {} of {}: {} of {} entries failed, last error {}",
                        attempt, maxAttempts, failed.size(), pending.size(), lastError);
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw new PublishException(pending.size() + " event(s) were refused by the bus " + busName
                    + " after " + maxAttempts + " attempts; last error " + lastError);
        }
    }

    private PutEventsRequestEntry toEntry(BusEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(event.source())
                .detailType(event.detailType())
                .detail(event.detailJson())
                .build();
    }
}
