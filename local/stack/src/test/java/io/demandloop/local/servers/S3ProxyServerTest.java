package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

class S3ProxyServerTest {

    private static final URI UNUSED = URI.create("http://127.0.0.1:9");

    @TempDir
    static Path logs;

    private static S3ProxyServer transientServer;

    @BeforeAll
    static void startTransientServer() {
        transientServer = S3ProxyServer.start(ProjectRoot.locate(), Optional.empty(), logs.resolve("s3proxy.log"));
    }

    @AfterAll
    static void stopTransientServer() {
        if (transientServer != null) {
            transientServer.close();
        }
    }

    @Test
    void start_shouldServeS3PathStyle_whenTransient() {
        // GIVEN a default client configured only through the standard system properties (no forcePathStyle)
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        try (ScopedSystemProperties ignored = sdkPropertiesFor(transientServer);
             S3Client s3 = clientRecording(sent)) {

            // WHEN
            s3.createBucket(r -> r.bucket("reports-transient"));
            s3.putObject(r -> r.bucket("reports-transient").key("2026/11/portfolio.json"),
                    RequestBody.fromString("{\"tickets\":3}"));
            String read = s3.getObjectAsBytes(r -> r.bucket("reports-transient").key("2026/11/portfolio.json"))
                    .asUtf8String();
            List<String> keys = s3.listObjectsV2(r -> r.bucket("reports-transient")).contents().stream()
                    .map(S3Object::key).toList();

            // THEN
            assertThat(read).isEqualTo("{\"tickets\":3}");
            assertThat(keys).containsExactly("2026/11/portfolio.json");
            assertThat(sent).allSatisfy(request -> assertThat(request.host()).isEqualTo("127.0.0.1"));
            assertThat(sent).extracting(SdkHttpRequest::encodedPath)
                    .contains("/reports-transient", "/reports-transient/2026/11/portfolio.json");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"when_supported", "when_required"})
    void putGetList_shouldWork_whenChecksumSettingIs(String checksums) {
        // GIVEN the SDK's checksum behaviour set explicitly (when_supported is the default of SDK 2.35.0)
        List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
        String bucket = "checksums-" + checksums.replace('_', '-');
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        try (ScopedSystemProperties ignored = sdkPropertiesFor(transientServer)
                .put("aws.requestChecksumCalculation", checksums)
                .put("aws.responseChecksumValidation", checksums);
             S3Client s3 = clientRecording(sent)) {
            s3.createBucket(r -> r.bucket(bucket));

            // WHEN
            s3.putObject(r -> r.bucket(bucket).key("blob.bin"), RequestBody.fromBytes(bytes));
            byte[] read = s3.getObjectAsBytes(r -> r.bucket(bucket).key("blob.bin")).asByteArray();
            List<S3Object> listed = s3.listObjectsV2(r -> r.bucket(bucket)).contents();

            // THEN the upload was aws-chunked, with a trailing CRC32 only by default, and S3Proxy kept plain bytes
            SdkHttpRequest put = sent.stream().filter(r -> r.method().name().equals("PUT")
                    && r.encodedPath().endsWith("/blob.bin")).findFirst().orElseThrow();
            assertThat(put.firstMatchingHeader("Content-Encoding")).contains("aws-chunked");
            if (checksums.equals("when_supported")) {
                assertThat(put.firstMatchingHeader("x-amz-trailer")).contains("x-amz-checksum-crc32");
                assertThat(put.firstMatchingHeader("x-amz-content-sha256"))
                        .contains("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
            } else {
                assertThat(put.firstMatchingHeader("x-amz-trailer")).isEmpty();
            }
            assertThat(read).isEqualTo(bytes);
            assertThat(listed).singleElement().satisfies(o -> assertThat(o.size()).isEqualTo(bytes.length));
        }
    }

    @Test
    void start_shouldStoreObjectsAsPlainFiles_whenFilesystem(@TempDir Path dataDir) throws Exception {
        // GIVEN an object put through a filesystem-backed server
        byte[] report = "{\"portfolio\":[\"Email\",\"VPN\"]}".getBytes(StandardCharsets.UTF_8);
        Path log = logs.resolve("s3proxy-disk.log");
        Path file;
        try (S3ProxyServer first = S3ProxyServer.start(ProjectRoot.locate(), Optional.of(dataDir), log);
             ScopedSystemProperties ignored = sdkPropertiesFor(first);
             S3Client s3 = S3Client.create()) {
            s3.createBucket(r -> r.bucket("reports"));
            s3.putObject(r -> r.bucket("reports").key("2026/11/portfolio.json").contentType("application/json"),
                    RequestBody.fromBytes(report));

            // WHEN
            file = first.objectFile("reports", "2026/11/portfolio.json");

            // THEN the object is a plain file with exactly its bytes, at <dataDir>/<bucket>/<key>
            assertThat(file).isEqualTo(dataDir.resolve("reports/2026/11/portfolio.json"));
            assertThat(Files.readAllBytes(file)).isEqualTo(report);
        }

        // AND it is served again after a restart on the same folder
        try (S3ProxyServer second = S3ProxyServer.start(ProjectRoot.locate(), Optional.of(dataDir), log);
             ScopedSystemProperties ignored = sdkPropertiesFor(second);
             S3Client s3 = S3Client.create()) {
            byte[] read = s3.getObjectAsBytes(r -> r.bucket("reports").key("2026/11/portfolio.json")).asByteArray();
            assertThat(read).isEqualTo(report);
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("reports");
            assertThat(Files.readAllBytes(file)).isEqualTo(report);
        }
    }

    @Test
    void objectFile_shouldFail_whenTransient() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> transientServer.objectFile("reports", "a.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in memory");
    }

    @Test
    void close_shouldEndTheChildProcess_whenServerRuns() {
        // GIVEN
        S3ProxyServer server =
                S3ProxyServer.start(ProjectRoot.locate(), Optional.empty(), logs.resolve("s3proxy-close.log"));
        long pid = server.pid();

        // WHEN
        server.close();

        // THEN close has waited for the process
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(server.isAlive()).isFalse();
    }

    private static ScopedSystemProperties sdkPropertiesFor(S3ProxyServer server) {
        return ScopedSystemProperties.set(SdkSettings.sdkSystemProperties(UNUSED, server.endpoint(), UNUSED));
    }

    /** Recording what goes on the wire is an interceptor, not an endpoint override: resolution stays default. */
    private static S3Client clientRecording(List<SdkHttpRequest> sent) {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(context.httpRequest());
            }
        };
        return S3Client.builder().overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
    }
}
