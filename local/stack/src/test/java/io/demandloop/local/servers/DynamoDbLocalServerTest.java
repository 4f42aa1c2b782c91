package io.demandloop.local.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class DynamoDbLocalServerTest {

    private static final URI UNUSED = URI.create("http://127.0.0.1:9");

    @TempDir
    static Path logs;

    private static DynamoDbLocalServer inMemory;

    @BeforeAll
    static void startInMemoryServer() {
        inMemory = DynamoDbLocalServer.start(ProjectRoot.locate(), Optional.empty(), logs.resolve("dynamodb.log"));
    }

    @AfterAll
    static void stopInMemoryServer() {
        if (inMemory != null) {
            inMemory.close();
        }
    }

    @Test
    void start_shouldServeDynamoDb_whenInMemory() {
        // GIVEN a client configured only through the standard system properties
        try (ScopedSystemProperties ignored = sdkPropertiesFor(inMemory);
             DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            createTable(dynamoDb, "tickets-in-memory");

            // WHEN
            dynamoDb.putItem(r -> r.tableName("tickets-in-memory").item(item("INC-1", "Email down")));
            Map<String, AttributeValue> read =
                    dynamoDb.getItem(r -> r.tableName("tickets-in-memory").key(key("INC-1"))).item();

            // THEN
            assertThat(inMemory.endpoint().toString()).isEqualTo("http://127.0.0.1:" + inMemory.port());
            assertThat(read).containsEntry("title", AttributeValue.fromS("Email down"));
        }
    }

    @Test
    void start_shouldKeepData_whenRestartedOnTheSameDataDir(@TempDir Path dataDir) {
        // GIVEN an item written to a server on disk, which is then stopped
        Path log = logs.resolve("dynamodb-disk.log");
        try (DynamoDbLocalServer first = DynamoDbLocalServer.start(ProjectRoot.locate(), Optional.of(dataDir), log);
             ScopedSystemProperties ignored = sdkPropertiesFor(first);
             DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            createTable(dynamoDb, "tickets-on-disk");
            dynamoDb.putItem(r -> r.tableName("tickets-on-disk").item(item("INC-2", "VPN slow")));
        }

        // WHEN a new server starts on the same folder (most likely on another port)
        try (DynamoDbLocalServer second = DynamoDbLocalServer.start(ProjectRoot.locate(), Optional.of(dataDir), log);
             ScopedSystemProperties ignored = sdkPropertiesFor(second);
             DynamoDbClient dynamoDb = DynamoDbClient.create()) {
            Map<String, AttributeValue> read =
                    dynamoDb.getItem(r -> r.tableName("tickets-on-disk").key(key("INC-2"))).item();

            // THEN
            assertThat(read).containsEntry("title", AttributeValue.fromS("VPN slow"));
            assertThat(dataDir.resolve(DynamoDbLocalServer.SHARED_DB_FILE)).isRegularFile();
        }
        // AND the database is in SQLite's write-ahead-log mode: its header's write and read versions are 2, not 1
        assertThat(sqliteHeader(dataDir.resolve(DynamoDbLocalServer.SHARED_DB_FILE))).startsWith(new byte[] {2, 2});
    }

    private static byte[] sqliteHeader(Path database) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(database)) {
            byte[] header = in.readNBytes(20);
            return java.util.Arrays.copyOfRange(header, 18, 20);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void close_shouldEndTheChildProcess_whenServerRuns() throws Exception {
        // GIVEN
        DynamoDbLocalServer server =
                DynamoDbLocalServer.start(ProjectRoot.locate(), Optional.empty(), logs.resolve("dynamodb-close.log"));
        long pid = server.pid();

        // WHEN
        server.close();

        // THEN close has waited for the process, and the port no longer answers
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(server.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
        server.close(); // idempotent
    }

    @Test
    void start_shouldListenOnLoopbackOnly_whenHostHasAnotherAddress() throws IOException {
        // GIVEN a non-loopback address of this host, if it has one
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeThat(external).isPresent();

        // WHEN / THEN DynamoDB Local (which would bind every interface by itself) is not reachable there
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), inMemory.port()), 2000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static ScopedSystemProperties sdkPropertiesFor(DynamoDbLocalServer server) {
        return ScopedSystemProperties.set(SdkSettings.sdkSystemProperties(server.endpoint(), UNUSED, UNUSED));
    }

    private static void createTable(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(d -> d.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS(id));
    }

    private static Map<String, AttributeValue> item(String id, String title) {
        return Map.of("pk", AttributeValue.fromS(id), "title", AttributeValue.fromS(title));
    }
}
