package io.demandloop.local.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dead-letter queues SAM adds to the transformed template for each function event with
 * {@code DeadLetterConfig: Type: SQS}: {@code AWS::SQS::Queue} resources named {@code QueueLogicalId}, or
 * {@code <Function><Event>Queue} without it. The template may {@code Ref} or {@code Fn::GetAtt} them (the report
 * function's {@code DEAD_LETTER_QUEUE_URLS}, the alarms), as the deployed stack can after the transform.
 */
final class SamGeneratedQueues {

    private SamGeneratedQueues() {
    }

    /** The resources with the generated queues added (a copy; a resource of the same name already there is kept). */
    static Map<String, Object> addedTo(Map<String, Object> resources) {
        Map<String, Object> all = new LinkedHashMap<>(resources);
        resources.forEach((function, value) -> {
            Map<String, Object> resource = SamTemplate.map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            SamTemplate.map(SamTemplate.map(resource.get("Properties")).get("Events")).forEach((event, e) -> {
                Map<String, Object> dlq = SamTemplate.map(SamTemplate.map(SamTemplate.map(e).get("Properties"))
                        .get("DeadLetterConfig"));
                if ("SQS".equals(dlq.get("Type"))) {
                    String id = dlq.get("QueueLogicalId") instanceof String name ? name : function + event + "Queue";
                    all.putIfAbsent(id, Map.of("Type", "AWS::SQS::Queue"));
                }
            });
        });
        return all;
    }
}
