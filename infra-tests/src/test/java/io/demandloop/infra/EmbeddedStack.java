package io.demandloop.infra;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.testing.ProjectFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Starts the stack the infra-tests run against: the embedded one in memory, or, when
 * {@code AWS_ENDPOINT_URL_DYNAMODB}/{@code AWS_ENDPOINT_URL_S3} (or {@code AWS_ENDPOINT_URL}) are set, those
 * endpoints (LocalStack, say) for DynamoDB and S3, with the local bus and the functions in process.
 */
final class EmbeddedStack {

    /** The ServiceNow secret the tests' intake is configured with. */
    static final String SERVICENOW_SECRET = "infra-test-secret";

    /** Every webhook source, ticket tools first; each gets the same test secret. */
    static final List<String> SOURCES = List.of("servicenow", "jira", "bmc-helix", "salesforce", "ivanti", "manageengine",
            "alertmanager", "grafana", "datadog", "pagerduty", "opsgenie", "cloudevents", "initiatives", "demand-decisions");

    private static LocalStack shared;

    private EmbeddedStack() {
    }

    /** One stack for every infra-test class of the run (its start costs seconds); tests use their own ids. */
    static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-stack-stop"));
        }
        return shared;
    }

    /**
     * A stack of one test class's own, for assertions on totals (the report) that other classes' records
     * would disturb. Close it after the class. It sets the SDK's endpoint properties while it runs and puts the
     * shared stack's back when closed.
     */
    static LocalStack startPrivate() {
        return start();
    }

    /** As {@link #startPrivate()}, persisting under {@code stateDir}: the bus then logs to {@code events.jsonl}. */
    static LocalStack startPrivate(java.nio.file.Path stateDir) {
        return start(Optional.of(stateDir));
    }

    private static LocalStack start() {
        return start(Optional.empty());
    }

    private static LocalStack start(Optional<java.nio.file.Path> stateDir) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        for (String source : SOURCES) {
            environment.put("DEMANDLOOP_SECRET_" + source.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), SERVICENOW_SECRET);
        }
        return LocalStack.start(new LocalStack.Options(ProjectFiles.root(), stateDir, environment, OptionalInt.of(0)));
    }
}
