package io.demandloop.shared.report.aws;

import io.demandloop.shared.aws.AwsClients;
import io.demandloop.shared.quality.DeadLetterQueues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link DeadLetterQueues} on SQS: one {@code GetQueueAttributes} per queue, reading
 * {@code ApproximateNumberOfMessages} (waiting) plus {@code ApproximateNumberOfMessagesNotVisible} (being looked at
 * or redriven by an operator right now, still not delivered). A queue that cannot be read (no permission, deleted,
 * endpoint unreachable, an attribute missing) gives {@code null} for that queue, logged with the reason; the others
 * are still read.
 */
public final class SqsDeadLetterQueues implements DeadLetterQueues {

    private static final Logger LOG = LoggerFactory.getLogger(SqsDeadLetterQueues.class);

    private final SqsClient client;
    private final Map<String, String> urlsByName;

    /**
     * @param client     the SQS client
     * @param urlsByName each queue's URL by its name (the template's logical id)
     */
    public SqsDeadLetterQueues(SqsClient client, Map<String, String> urlsByName) {
        this.client = Objects.requireNonNull(client, "client");
        this.urlsByName = Map.copyOf(Objects.requireNonNull(urlsByName, "urlsByName"));
    }

    /** The adapter with a lean client ({@link AwsClients#lean}); the endpoint from {@code AWS_ENDPOINT_URL_SQS}. */
    public static SqsDeadLetterQueues create(Map<String, String> urlsByName) {
        return new SqsDeadLetterQueues(AwsClients.lean(SqsClient.builder()).build(), urlsByName);
    }

    @Override
    public List<Depth> depths() {
        List<Depth> depths = new ArrayList<>();
        urlsByName.forEach((name, url) -> depths.add(new Depth(name, messages(name, url))));
        depths.sort(Comparator.comparing(Depth::queue));
        return depths;
    }

    private Long messages(String name, String url) {
        GetQueueAttributesResponse response;
        try {
            response = client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        } catch (SdkException e) {
            LOG.warn("Dead-letter queue {} ({}) cannot be read: {}", name, url, e.toString());
            return null;
        }
        Map<QueueAttributeName, String> attributes = response.attributes();
        Long waiting = count(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        Long inFlight = count(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        if (waiting == null) {
            LOG.warn("Dead-letter queue {} ({}) answered without a readable ApproximateNumberOfMessages: {}", name, url,
                    attributes);
            return null;
        }
        return inFlight == null ? waiting : waiting + inFlight;
    }

    private static Long count(String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed >= 0 ? parsed : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
