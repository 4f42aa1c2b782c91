package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.local.servers.ProjectRoot;
import io.demandloop.local.servers.S3ProxyServer;
import io.demandloop.shared.report.aws.S3ReportLinker;
import io.demandloop.shared.report.aws.S3ReportStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A presigned link to a report works against the embedded S3 server (S3Proxy) as it does on AWS: fetched with a plain
 * HTTP client, no credentials, it gives the object's bytes; and the manifest read ({@link S3ReportStore#get}) is one GET that says "none" for a missing key.
 */
class ReportLinkIT {

    private static final String BUCKET = "reports-links";

    @TempDir
    static Path logs;

    private static S3ProxyServer server;

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start(ProjectRoot.locate(), Optional.empty(), logs.resolve("s3proxy.log"));
        System.setProperty("aws.endpointUrlS3", server.endpoint().toString());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stopS3() {
        System.clearProperty("aws.endpointUrlS3");
        if (server != null) {
            server.close();
        }
    }

    @Test
    void link_shouldGiveTheObjectsBytes_toAPlainHttpClient_andNothingWithoutItsSignature() throws Exception {
        // GIVEN a report in the private bucket
        byte[] body = "<!DOCTYPE html><p>report</p>\n".getBytes(StandardCharsets.UTF_8);
        S3ReportStore.create(BUCKET).put("reports/2026/12/07/portfolio.html", body, "text/html; charset=utf-8");

        // WHEN a link is made and fetched without any credentials
        URI link = S3ReportLinker.create(BUCKET).link("reports/2026/12/07/portfolio.html", Duration.ofDays(7),
                Instant.now());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(link).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        // THEN the bytes come back, and the link is a SigV4 one of seven days
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(body);
        assertThat(link.getQuery()).contains("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Expires=604800");
        // and it points at the embedded server (which, locally, checks no signature: the bucket's privacy on AWS is
        // the template's, ReportsBucketTemplateTest)
        assertThat(link.getPort()).isEqualTo(server.endpoint().getPort());
        assertThat(link.getPath()).isEqualTo("/" + BUCKET + "/reports/2026/12/07/portfolio.html");
    }

    @Test
    void link_shouldRefuseMoreThanSevenDays_namingTheLimit() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> S3ReportLinker.create(BUCKET).link("reports/latest/portfolio.json",
                Duration.ofDays(7).plusSeconds(1), Instant.now()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than seven days (P7D)");
    }

    @Test
    void get_shouldReadAnObjectBack_andBeEmptyForAMissingKey() {
        // GIVEN
        S3ReportStore store = S3ReportStore.create(BUCKET);
        store.put("reports/index.json", "{\"schemaVersion\":2,\"reports\":[]}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        // WHEN / THEN
        assertThat(store.get("reports/index.json")).get().extracting(b -> new String(b, StandardCharsets.UTF_8))
                .isEqualTo("{\"schemaVersion\":2,\"reports\":[]}");
        assertThat(store.get("reports/none.json")).isEmpty();
    }
}
