package io.demandloop.functions.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.testing.ProjectFiles;
import io.demandloop.shared.testing.RecordingEventPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13.3: a corpus of real-looking personal data put into every text field (and, as person-named labels and
 * fields, into every object) of every sample of every source; nothing of it reaches a published canonical record,
 * outside the identities (source id, number, alert id, fingerprint, link), which are kept exactly by design.
 */
class IntakePersonalDataTest {

    private static final String EMAIL = "margaret.thornton@example-corp.co.uk";
    private static final List<String> PHONES = List.of("+44 20 7946 0958", "(555) 867-5309", "07700 900123", "+1-202-555-0143");
    private static final String NAME = "Margaret Thornton";
    /** What must not be found: the parts that identify the person. */
    private static final List<String> CORPUS = List.of("margaret.thornton", "example-corp", "Thornton", "7946", "867-5309",
            "900123", "555-0143");
    // Identities are kept exactly (changing them would merge records); a demand decision's "by" is who decided, kept
    // on purpose as the demand's audit trail.
    private static final List<String> IDENTITIES = List.of("sourceId", "number", "alertId", "fingerprint", "link", "by");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-16T09:31:12Z"), ZoneOffset.UTC);

    private final RecordingEventPublisher bus = new RecordingEventPublisher();

    @Test
    void personalData_inEveryTextFieldOfEverySource_shouldNotReachTheCanonicalRecords() throws Exception {
        // GIVEN every source (verification set aside: this is about what normalisation keeps) and the samples
        Map<String, WebhookSource> sources = new LinkedHashMap<>();
        Sources.all(DemandloopConfig.defaults()).forEach((name, source) -> sources.put(name, new Unverified(source)));
        // and the demands the decision samples name are stored, so that decisions are accepted too
        io.demandloop.shared.demand.testing.InMemoryDemandRepository demands = new io.demandloop.shared.demand.testing.InMemoryDemandRepository();
        for (String[] demand : new String[][] {{"Payments", "recurring-incidents#category:network"},
                {"Access Management", "request-demand#category:access-request"}, {"Batch Scheduler", "alert-noise"}}) {
            demands.save(IntakeInitiativesTest.demand(demand[0], demand[1]), null);
        }
        IntakeService intake = new IntakeService(sources, source -> List.of("secret"), bus, demands, CLOCK);
        Map<String, Integer> acceptedPerSource = new LinkedHashMap<>();
        int variants = 0;

        try (Stream<Path> dirs = Files.list(ProjectFiles.path("events/webhooks"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String source = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path sample : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        JsonNode base = Json.mapper().readTree(Files.readAllBytes(sample));
                        for (JsonNode variant : variants(base)) {
                            variants++;
                            int before = bus.published().size();
                            IntakeResponse response = intake.accept("POST", "/hooks/" + source,
                                    Map.of("Content-Type", contentType(source, sample)),
                                    Json.mapper().writeValueAsBytes(variant), "pii");
                            if (response.status() == 202) {
                                acceptedPerSource.merge(source, 1, Integer::sum);
                            }
                            // WHEN published, THEN nothing of the corpus is in the record outside its identities
                            for (BusEvent event : bus.published().subList(before, bus.published().size())) {
                                String kept = withoutIdentities(event.detailJson());
                                for (String token : CORPUS) {
                                    assertThat(kept).as("%s %s: %s", source, sample.getFileName(), event.detailJson())
                                            .doesNotContain(token);
                                }
                            }
                        }
                    }
                }
            }
        }

        // and the corpus was really taken by every source, many times: the test saw records, not only refusals
        assertThat(acceptedPerSource.keySet()).containsExactlyInAnyOrderElementsOf(sources.keySet());
        assertThat(acceptedPerSource.values()).allSatisfy(count -> assertThat(count).isGreaterThan(5));
        assertThat(variants).isGreaterThan(1_000);
        // and the markers show where something was redacted
        assertThat(bus.published()).anyMatch(e -> e.detailJson().contains("[email]"))
                .anyMatch(e -> e.detailJson().contains("[phone]"));
    }

    @Test
    void hashLabels_shouldKeepAKeyedHashOfTheValue_sameForTheSamePerson() throws Exception {
        // GIVEN an Alertmanager alert with a responder label, configured to be hashed, and the key in the secrets
        DemandloopConfig config = DemandloopConfig.fromYaml("privacy: {hashLabels: [responder]}");
        Map<String, WebhookSource> sources = Map.of("alertmanager", new Unverified(Sources.all(config).get("alertmanager")));
        IntakeService intake = new IntakeService(sources,
                source -> source.equals("pii-hmac") ? List.of("k3y") : List.of("secret"), bus, CLOCK, config);
        ObjectNode body = (ObjectNode) Json.mapper().readTree(ProjectFiles.read("events/webhooks/alertmanager/01-shop-group-firing.json"));
        ((ObjectNode) body.get("alerts").get(0).get("labels")).put("responder", NAME);

        // WHEN
        IntakeResponse response = intake.accept("POST", "/hooks/alertmanager", Map.of("Content-Type", "application/json"),
                Json.mapper().writeValueAsBytes(body), "hash");

        // THEN the label is there as a hash, not the name
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String responder = Json.mapper().readTree(bus.published().get(0).detailJson()).path("labels").path("responder").asText();
        assertThat(responder).isEqualTo(io.demandloop.shared.privacy.PersonalDataFilter.HASH_PREFIX
                + hmacHex("k3y", NAME).substring(0, 32));
        assertThat(responder).startsWith("hmac-sha256:").hasSize("hmac-sha256:".length() + 32).doesNotContain("Thornton");
        assertThat(bus.published()).noneMatch(e -> e.detailJson().contains("Thornton"));
    }

    private static String hmacHex(String key, String value) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The sample, then one variant per text field (email and phones appended) and one per object (person fields). */
    private static List<JsonNode> variants(JsonNode base) {
        List<JsonNode> variants = new ArrayList<>();
        variants.add(base);
        List<List<Object>> textPaths = new ArrayList<>();
        List<List<Object>> objectPaths = new ArrayList<>();
        collect(base, new ArrayList<>(), textPaths, objectPaths);
        String pii = " contact " + EMAIL + " or " + String.join(" / ", PHONES);
        for (List<Object> path : textPaths) {
            variants.add(edit(base, path, parent -> {
                Object last = path.get(path.size() - 1);
                if (parent instanceof ObjectNode object) {
                    object.put((String) last, object.get((String) last).asText() + pii);
                } else {
                    ((ArrayNode) parent).set((Integer) last, ((ArrayNode) parent).get((Integer) last).asText() + pii);
                }
            }));
        }
        for (List<Object> path : objectPaths) {
            variants.add(edit(base, path, node -> {
                // added where absent: an object's own "name" (an issue type's, a component's) is not a person
                ObjectNode object = (ObjectNode) node;
                Map.of("reporter", NAME, "assignee", NAME, "on_call", NAME, "ownerEmail", EMAIL, "caller_name", NAME,
                        "name", NAME, "contact", PHONES.get(0), "acknowledged_by", EMAIL, "responder", NAME)
                        .forEach((field, value) -> {
                            if (!object.has(field)) {
                                object.put(field, value);
                            }
                        });
            }));
        }
        return variants;
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> texts, List<List<Object>> objects) {
        if (node.isTextual()) {
            texts.add(List.copyOf(path));
        } else if (node.isObject()) {
            objects.add(List.copyOf(path));
            node.fields().forEachRemaining(field -> {
                path.add(field.getKey());
                collect(field.getValue(), path, texts, objects);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, texts, objects);
                path.remove(path.size() - 1);
            }
        }
    }

    /** A copy of the document with {@code change} applied to the parent of a text path, or to the object at a path. */
    private static JsonNode edit(JsonNode base, List<Object> path, Consumer<JsonNode> change) {
        JsonNode copy = base.deepCopy();
        boolean toParent = !path.isEmpty() && at(copy, path).isTextual();
        JsonNode target = at(copy, toParent ? path.subList(0, path.size() - 1) : path);
        change.accept(target);
        return copy;
    }

    private static JsonNode at(JsonNode node, List<Object> path) {
        JsonNode current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? current.get(i) : current.get((String) step);
        }
        return current;
    }

    private static String withoutIdentities(String detailJson) throws Exception {
        ObjectNode detail = (ObjectNode) Json.mapper().readTree(detailJson);
        IDENTITIES.forEach(detail::remove);
        if (detail.get("signals") instanceof ObjectNode signals) {
            signals.remove("problem"); // the linked problem's identity
        }
        return detail.toString();
    }

    private static String contentType(String source, Path sample) {
        if (source.equals("cloudevents")) {
            return sample.getFileName().toString().contains("batch") ? "application/cloudevents-batch+json" : "application/cloudevents+json";
        }
        return "application/json";
    }

    /** A source whose deliveries count as verified, so that the test reaches its normalisation. */
    private record Unverified(WebhookSource source) implements WebhookSource {
        @Override
        public String name() {
            return source.name();
        }

        @Override
        public VerificationResult verify(Delivery delivery, List<String> secrets) {
            return VerificationResult.accepted();
        }

        @Override
        public boolean acceptsContentType(String contentType) {
            return source.acceptsContentType(contentType);
        }

        @Override
        public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
            return source.normalise(delivery, body);
        }
    }
}
