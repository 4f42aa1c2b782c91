package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The EventBridge adapter against the local bus over the PutEvents wire protocol: batches of ten, partial
 * failures retried entry by entry, and a clear failure when the bus keeps refusing. The events use a source
 * no rule matches, so nothing else of the shared stack sees them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBridgePublisherIT {

    private LocalStack stack;
    private String busName;

    @BeforeAll
    void connect() {
        stack = EmbeddedStack.shared();
        busName = stack.template().physicalName("DemandBus");
    }

    private static List<BusEvent> events(int count) {
        List<BusEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new BusEvent("it.publisher", "Publisher Test", "{\"n\":" + i + "}"));
        }
        return events;
    }

    private EventBridgePublisher publisher(int attempts) {
        return new EventBridgePublisher(EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                busName, attempts);
    }

    @Test
    void publish_shouldReturnAnIdPerEvent_whenMoreThanOneBatch() {
        List<String> ids = publisher(3).publish(events(23));

        assertThat(ids).hasSize(23).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void publish_shouldRetryOnlyTheFailedEntries_whenTheBusFailsSome() {
        // GIVEN the bus fails the next two entries it sees
        stack.bus().failNextEntries(2, "InternalFailure");

        // WHEN five events are published with up to three attempts
        List<String> ids = publisher(3).publish(events(5));

        // THEN every event got an id, the two failed ones on the retry
        assertThat(ids).hasSize(5).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void publish_shouldThrowNamingTheError_whenTheBusKeepsRefusing() {
        stack.bus().failNextEntries(4, "ThrottlingException");

        assertThatThrownBy(() -> publisher(2).publish(events(2)))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("ThrottlingException")
                .hasMessageContaining("after 2 attempts");
    }

    @Test
    void publish_shouldThrow_whenTheBusDoesNotExist() {
        EventBridgePublisher nowhere = new EventBridgePublisher(
                EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), "no-such-bus", 2);

        assertThatThrownBy(() -> nowhere.publish(events(1))).isInstanceOf(PublishException.class);
    }
}
