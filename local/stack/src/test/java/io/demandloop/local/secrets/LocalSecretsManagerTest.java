package io.demandloop.local.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.TemplateFiles;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSecretsManagerTest {

    private LocalSecretsManager manager;
    private SecretsManagerClient client;
    private SamTemplate template;

    @BeforeAll
    void start() {
        template = TemplateFiles.projectTemplate();
        manager = LocalSecretsManager.start(template, Map.of(
                "DEMANDLOOP_SECRET_SERVICENOW", "sn-secret",
                "DEMANDLOOP_SECRET_JIRA", "new,old",
                "DEMANDLOOP_SECRET_EMPTY", " ",
                "PATH", "/usr/bin"));
        client = SecretsManagerClient.builder()
                .endpointOverride(manager.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        client.close();
        manager.close();
    }

    @Test
    void getSecretValue_shouldServeTheHostSecretsAsOneJsonObject_whenAskedByTemplateName() {
        String name = template.secrets().get(0).name();

        String value = client.getSecretValue(r -> r.secretId(name)).secretString();

        assertThat(value).isEqualTo("{\"jira\":\"new,old\",\"servicenow\":\"sn-secret\"}");
    }

    @Test
    void getSecretValue_shouldAcceptTheArn() {
        String arn = "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + template.secrets().get(0).name();

        assertThat(client.getSecretValue(r -> r.secretId(arn)).name()).isEqualTo(template.secrets().get(0).name());
    }

    @Test
    void getSecretValue_shouldFailAsSecretsManagerDoes_whenTheSecretIsUnknown() {
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("nope"))).isInstanceOf(ResourceNotFoundException.class);
    }
}
