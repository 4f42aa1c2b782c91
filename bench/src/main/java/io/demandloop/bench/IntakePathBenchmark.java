package io.demandloop.bench;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.alertmanager.AlertmanagerSource;
import io.demandloop.shared.source.auth.HmacSignature;
import io.demandloop.shared.source.jira.JiraSource;
import io.demandloop.shared.source.servicenow.ServiceNowSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The intake's CPU work per delivery, per source: verify over the raw bytes, parse, normalise, on a sample of
 * about 2 KB from {@code events/webhooks/}. The target (docs/PERFORMANCE.md) is at most 10 µs per event on one
 * core; the records per delivery are printed at setup, to turn a delivery's time into an event's.
 *
 * <p>Adding a source: one case in {@link #deliveryOf(String)} and its name in {@link #source}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IntakePathBenchmark {

    private static final String SECRET = "bench-secret";
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-20T08:00:00Z");

    /** The source benchmarked; {@code -p source=servicenow} picks one. */
    @Param({"servicenow", "jira", "alertmanager"})
    public String source;

    private DeliveryCase delivery;

    @Setup
    public void setUp() {
        delivery = deliveryOf(source);
        NormalisedDelivery once = delivery.run();
        System.out.printf("%n%s: %d-byte sample, %d record(s) per delivery%n", source, delivery.bodyBytes(), once.size());
    }

    @Benchmark
    public NormalisedDelivery verifyParseNormalise() {
        return delivery.run();
    }

    /** Each source as the intake builds it, with a sample of about 2 KB and the headers that authenticate it. */
    static DeliveryCase deliveryOf(String source) {
        DemandloopConfig config = DemandloopConfig.load();
        return switch (source) {
            case "servicenow" -> new DeliveryCase(new ServiceNowSource(config),
                    DeliveryCase.sample("servicenow/11-vpn-display-value-all.json"),
                    Map.of("content-type", "application/json", "authorization", "Bearer " + SECRET),
                    List.of(SECRET), RECEIVED_AT);
            case "jira" -> {
                byte[] body = DeliveryCase.sample("jira/02-vpn-incident-updated.json");
                yield new DeliveryCase(new JiraSource(config), body,
                        Map.of("content-type", "application/json; charset=utf-8",
                                JiraSource.SIGNATURE_HEADER, "sha256=" + HmacSignature.sha256Hex(SECRET, body)),
                        List.of(SECRET), RECEIVED_AT);
            }
            case "alertmanager" -> new DeliveryCase(new AlertmanagerSource(config),
                    DeliveryCase.sample("alertmanager/01-shop-group-firing.json"),
                    Map.of("content-type", "application/json", "authorization", "Bearer " + SECRET),
                    List.of(SECRET), RECEIVED_AT);
            default -> throw new IllegalArgumentException("no benchmark case for source '" + source + "'");
        };
    }
}
