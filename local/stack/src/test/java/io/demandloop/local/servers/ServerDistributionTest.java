package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerDistributionTest {

    @TempDir
    Path emptyRoot;

    @Test
    void dynamoDbLocal_shouldSayWhatToRun_whenNotBuilt() {
        // GIVEN a checkout where the server holders were never packaged
        // WHEN / THEN
        assertThatThrownBy(() -> ServerDistribution.dynamoDbLocal(emptyRoot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DynamoDB Local distribution is not built")
                .hasMessageContaining(emptyRoot.resolve("local/dynamodb-local/target/lib").toString())
                .hasMessageContaining("run `mvn -q package -DskipTests` first");
    }

    @Test
    void s3Proxy_shouldSayWhatToRun_whenLibFolderHasNoServerJar() throws Exception {
        // GIVEN a lib folder that exists but lacks the S3Proxy jar (an interrupted copy)
        Files.createDirectories(emptyRoot.resolve("local/s3proxy/target/lib"));

        // WHEN / THEN
        assertThatThrownBy(() -> ServerDistribution.s3Proxy(emptyRoot))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("S3Proxy distribution is not built")
                .hasMessageContaining("has no s3proxy-*.jar")
                .hasMessageContaining("run `mvn -q package -DskipTests` first");
    }

    @Test
    void start_shouldFailWithTheBuildHint_whenDistributionIsMissing() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> DynamoDbLocalServer.start(emptyRoot, Optional.empty(), emptyRoot.resolve("d.log")))
                .hasMessageContaining("run `mvn -q package -DskipTests` first");
        assertThatThrownBy(() -> S3ProxyServer.start(emptyRoot, Optional.empty(), emptyRoot.resolve("s.log")))
                .hasMessageContaining("run `mvn -q package -DskipTests` first");
    }

    @Test
    void dynamoDbLocal_shouldPointAtLibAndNativeFolders_whenBuilt() {
        // GIVEN the real checkout
        Path root = ProjectRoot.locate();

        // WHEN
        ServerDistribution distribution = ServerDistribution.dynamoDbLocal(root);

        // THEN
        assertThat(distribution.libDir()).isEqualTo(root.resolve("local/dynamodb-local/target/lib"));
        assertThat(distribution.nativeDir()).contains(root.resolve("local/dynamodb-local/target/native"));
        assertThat(ServerDistribution.javaExecutable()).isExecutable();
    }

    @Test
    void start_shouldReportExitAndLogTail_whenServerExitsBeforeAnswering() throws Exception {
        // GIVEN a "distribution" whose jar holds no server, so the child's main class cannot be found
        Path lib = Files.createDirectories(emptyRoot.resolve("local/s3proxy/target/lib"));
        Files.createFile(lib.resolve("s3proxy-0.0.jar"));
        Path log = emptyRoot.resolve("logs/s3proxy.log");

        // WHEN / THEN
        assertThatThrownBy(() -> S3ProxyServer.start(emptyRoot, Optional.empty(), log))
                .isInstanceOfSatisfying(ServerStartException.class, e -> assertThat(e.logFile()).isEqualTo(log))
                .hasMessageContaining("S3Proxy exited with status 1")
                .hasMessageContaining(log.toString())
                .hasMessageContaining("ClassNotFoundException: org.gaul.s3proxy.Main");
    }
}
