package io.demandloop.shared.source.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import io.demandloop.shared.source.alertmanager.AlertmanagerNormaliser;
import io.demandloop.shared.source.auth.HmacSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Grafana alerting's webhook contact point ({@code /hooks/grafana}).
 *
 * <p><b>Verification.</b> The contact point signs with HMAC-SHA256, lower-case hex in
 * {@code X-Grafana-Alerting-Signature}. With {@code X-Grafana-Alerting-Signature-Timestamp} (Unix seconds) it covers
 * {@code timestamp + ":" + body}, and a timestamp further than the replay window (default 5 minutes) from
 * {@link Delivery#receivedAt()}, either way, is refused as a replay. A signature without a timestamp (over the raw
 * body) is refused by default, since it could be replayed forever; {@code grafana.requireTimestamp: false} opts out,
 * with a warning at start. Several secrets may be configured while one is rotated.
 *
 * <p><b>Normalisation.</b> The body has Alertmanager's shape plus Grafana's fields ({@code orgId},
 * {@code state}, {@code title}, per alert {@code values}, {@code dashboardURL}, …), so each alert becomes one
 * event by the rules of {@link AlertmanagerNormaliser}; the extra fields are not needed. The contact point's
 * "Test" button sends a fake {@code TestAlert} from instance {@code Grafana}: it is answered 2xx and ignored.
 */
public final class GrafanaSource implements WebhookSource {

    /** The source name, intake path segment and configuration section. */
    public static final String SECTION = "grafana";

    // Above this a timestamp is taken as milliseconds: 10^11 seconds is in the year 5138.
    private static final long LARGEST_SECONDS = 100_000_000_000L;

    private final GrafanaConfig settings;
    private final AlertmanagerNormaliser normaliser;

    /** Reads section {@value #SECTION}; fails at start with the key named when it is malformed. */
    public GrafanaSource(DemandloopConfig config) {
        this.settings = config.section(SECTION, GrafanaConfig.class).validated();
        this.normaliser = new AlertmanagerNormaliser(SECTION, settings.mapping(), config);
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        // By default the timestamp is required (grafana.requireTimestamp); see configurationWarnings for the opt-out.
        String signature = delivery.header(settings.signatureHeader());
        if (signature == null || signature.isBlank()) {
            return VerificationResult.rejected("missing " + settings.signatureHeader()
                    + " header; set an HMAC signature secret on the Grafana contact point");
        }
        String timestamp = delivery.header(settings.timestampHeader());
        byte[] signed;
        if (timestamp == null || timestamp.isBlank()) {
            if (settings.requireTimestamp()) {
                return VerificationResult.rejected("missing " + settings.timestampHeader()
                        + " header; grafana.requireTimestamp is on, so set the contact point's HMAC Timestamp Header");
            }
            signed = delivery.body();
        } else {
            String problem = replayProblem(timestamp.trim(), delivery.receivedAt());
            if (problem != null) {
                return VerificationResult.rejected(problem);
            }
            signed = concat((timestamp.trim() + ":").getBytes(StandardCharsets.UTF_8), delivery.body());
        }
        String hex = signature.trim();
        // Grafana sends bare hex; a sha256= prefix (as some proxies add) is tolerated.
        if (hex.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
            hex = hex.substring("sha256=".length());
        }
        return HmacSignature.matchesAnyHex(List.of(hex), secrets, signed)
                ? VerificationResult.accepted()
                : VerificationResult.rejected("the " + settings.signatureHeader()
                        + " signature does not match the body for source '" + SECTION + "'");
    }

    /** A warning while signatures without a timestamp are taken: a captured delivery could be replayed forever. */
    @Override
    public List<String> configurationWarnings() {
        if (settings.requireTimestamp()) {
            return List.of();
        }
        return List.of("grafana.requireTimestamp is false: deliveries signed without " + settings.timestampHeader()
                + " are accepted, so a captured delivery can be replayed forever; set the contact point's Timestamp Header"
                + " and remove the opt-out");
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        if (settings.ignoreTestNotifications() && isTestNotification(body)) {
            return NormalisedDelivery.ignored("Grafana contact point test notification");
        }
        return NormalisedDelivery.ofAlerts(normaliser.normalise(body));
    }

    /** Null when the signed timestamp is within the replay window of the arrival; else why not. */
    private String replayProblem(String timestamp, Instant receivedAt) {
        long value;
        try {
            value = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return settings.timestampHeader() + " is not a Unix timestamp: '" + abbreviate(timestamp) + "'";
        }
        Instant signedAt;
        Duration age;
        try {
            signedAt = value > LARGEST_SECONDS ? Instant.ofEpochMilli(value) : Instant.ofEpochSecond(value);
            age = Duration.between(signedAt, receivedAt);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return settings.timestampHeader() + " is not a time the signature could have been made at: '" + abbreviate(timestamp) + "'";
        }
        Duration window = settings.replayWindow();
        if (age.compareTo(window) > 0) {
            return "the signature timestamp " + signedAt + " is " + age.toSeconds() + " s old; deliveries signed more than "
                    + window.toSeconds() + " s before they arrive are refused as replays (grafana.replayWindowSeconds)";
        }
        if (age.negated().compareTo(window) > 0) {
            return "the signature timestamp " + signedAt + " is " + age.negated().toSeconds()
                    + " s in the future; more than " + window.toSeconds() + " s of clock skew is refused (grafana.replayWindowSeconds)";
        }
        return null;
    }

    private static boolean isTestNotification(JsonNode body) {
        JsonNode alerts = body == null ? null : body.get("alerts");
        if (alerts == null || !alerts.isArray() || alerts.isEmpty()) {
            return false;
        }
        for (JsonNode alert : alerts) {
            JsonNode labels = alert.path("labels");
            if (!"TestAlert".equals(labels.path("alertname").asText()) || !"Grafana".equals(labels.path("instance").asText())) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
