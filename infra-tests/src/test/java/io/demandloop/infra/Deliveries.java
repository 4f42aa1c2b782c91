package io.demandloop.infra;

import io.demandloop.shared.source.auth.HmacSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** Posts a sample to the intake as its tool would: the right content type and the right credentials. */
final class Deliveries {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Deliveries() {
    }

    /** Posts {@code body} to {@code /hooks/<source>} signed or authorised with {@code secret} as that tool does. */
    static HttpResponse<String> deliver(URI webhookBase, String source, String sampleName, byte[] body, String secret)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhookBase.resolve("hooks/" + source))
                .header("Content-Type", contentType(source, sampleName))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        switch (source) {
            case "jira" -> request.header("X-Hub-Signature", "sha256=" + HmacSignature.sha256Hex(secret, body));
            case "pagerduty" -> request.header("X-PagerDuty-Signature", "v1=" + HmacSignature.sha256Hex(secret, body));
            case "grafana" -> {
                // Grafana's timestamped signature over "<timestamp>:<body>", which the intake requires by default
                String timestamp = Long.toString(now().getEpochSecond());
                byte[] prefix = (timestamp + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] signed = new byte[prefix.length + body.length];
                System.arraycopy(prefix, 0, signed, 0, prefix.length);
                System.arraycopy(body, 0, signed, prefix.length, body.length);
                request.header("X-Grafana-Alerting-Signature", HmacSignature.sha256Hex(secret, signed))
                        .header("X-Grafana-Alerting-Signature-Timestamp", timestamp);
            }
            default -> request.header("Authorization", "Bearer " + secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String contentType(String source, String sampleName) {
        if (source.equals("cloudevents")) {
            return sampleName.contains("batch") ? "application/cloudevents-batch+json" : "application/cloudevents+json";
        }
        return "application/json";
    }

    /** Now, for sources that sign a timestamp. */
    static Instant now() {
        return Instant.now();
    }
}
