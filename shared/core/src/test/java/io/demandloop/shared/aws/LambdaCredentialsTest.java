package io.demandloop.shared.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

class LambdaCredentialsTest {

    @Test
    void resolve_shouldAnswerThePlaceholderAndChooseNoSource_whilePriming() {
        // GIVEN credentials never asked before
        LambdaCredentials credentials = LambdaCredentials.create();
        int before = LambdaCredentials.resolved();

        // WHEN asked inside priming
        Object[] answer = new Object[1];
        Priming.withoutNetwork(() -> answer[0] = credentials.resolveCredentials());

        // THEN the placeholder, no chain built, nothing counted as resolved
        assertThat(answer[0]).isSameAs(LambdaCredentials.PRIMING);
        assertThat(credentials.chosen()).isNull();
        assertThat(LambdaCredentials.resolved()).isEqualTo(before);
    }

    @Test
    void resolve_shouldUseTheSdksDefaultChain_atTheFirstRealRequest() {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local-secret");
        try {
            LambdaCredentials credentials = LambdaCredentials.create();
            assertThat(credentials.chosen()).isNull();

            assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("local");
            assertThat(credentials.chosen()).isInstanceOf(DefaultCredentialsProvider.class);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
