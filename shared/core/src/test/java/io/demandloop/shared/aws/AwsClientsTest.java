package io.demandloop.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AwsClientsTest {

    @Test
    void open_shouldKeepTheSdkDefaultTimeouts_withoutConnecting() {
        // WHEN a connection is opened (an HttpURLConnection connects only when used)
        HttpURLConnection connection = AwsClients.open(URI.create("http://127.0.0.1:9/"));

        // THEN the SDK's defaults: 2 s to connect, 30 s to read
        assertThat(connection.getConnectTimeout()).isEqualTo(2_000);
        assertThat(connection.getReadTimeout()).isEqualTo(30_000);
    }
}
