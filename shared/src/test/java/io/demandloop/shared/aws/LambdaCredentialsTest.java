package io.demandloop.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

class LambdaCredentialsTest {

    @Test
    void resolve_shouldAnswerThePlaceholderAndChooseNoSource_whilePriming() {
        // GIVEN credentials with nothing set anywhere
        LambdaCredentials credentials = LambdaCredentials.of(name -> null, name -> null);
        int before = LambdaCredentials.resolved();

        // WHEN asked inside priming
        Object[] answer = new Object[1];
        Priming.withoutNetwork(() -> answer[0] = credentials.resolveCredentials());

        // THEN the placeholder, no source chosen, nothing counted as resolved
        assertThat(answer[0]).isSameAs(LambdaCredentials.PRIMING);
        assertThat(credentials.chosen()).isNull();
        assertThat(LambdaCredentials.resolved()).isEqualTo(before);
    }

    @Test
    void resolve_shouldUseTheContainerProvider_whenLambdaGivesAContainerUri() {
        // GIVEN a SnapStart function's environment (container credentials and no keys)
        LambdaCredentials credentials = LambdaCredentials.of(
                Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/creds")::get, name -> null);

        // WHEN the source is chosen (the request itself fails: nothing listens)
        try {
            credentials.resolveCredentials();
        } catch (RuntimeException expected) {
            // no container endpoint here
        }

        // THEN
        assertThat(credentials.chosen()).isInstanceOf(ContainerCredentialsProvider.class);
    }

    @Test
    void resolve_shouldUseTheEnvironmentVariables_whenLambdaSetsKeys() {
        LambdaCredentials credentials = LambdaCredentials.of(Map.of("AWS_ACCESS_KEY_ID", "a")::get, name -> null);

        try {
            credentials.resolveCredentials();
        } catch (RuntimeException expected) {
            // the provider reads the real environment, which has no keys in a test
        }

        assertThat(credentials.chosen()).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
    }

    @Test
    void resolve_shouldPreferTheSystemProperties_toKeysInTheEnvironment_asTheSdksChainDoes() {
        LambdaCredentials credentials = LambdaCredentials.of(Map.of("AWS_ACCESS_KEY_ID", "a")::get,
                Map.of("aws.accessKeyId", "local")::get);

        try {
            credentials.resolveCredentials();
        } catch (RuntimeException expected) {
            // the provider reads the real system properties, which have no keys here
        }

        assertThat(credentials.chosen()).isInstanceOf(SystemPropertyCredentialsProvider.class);
    }

    @Test
    void resolve_shouldUseTheSystemProperties_whenOnlyTheyAreSet() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local-secret");
        try {
            LambdaCredentials credentials = LambdaCredentials.of(name -> null, System::getProperty);

            assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("local");
            assertThat(credentials.chosen()).isInstanceOf(SystemPropertyCredentialsProvider.class);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
