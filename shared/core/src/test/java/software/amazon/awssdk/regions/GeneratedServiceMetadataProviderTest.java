package software.amazon.awssdk.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedServiceMetadataProviderTest {

    /** The SDK's own provider, loaded from its jar in a class loader of its own (ours shadows it here). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> sdkMap() throws Exception {
        URL[] jars = {location(Region.class), location(software.amazon.awssdk.utils.Validate.class),
                location(software.amazon.awssdk.profiles.ProfileFile.class), location(org.slf4j.LoggerFactory.class),
                location(software.amazon.awssdk.core.client.config.ClientOption.class),
                location(software.amazon.awssdk.http.SdkHttpClient.class), location(software.amazon.awssdk.metrics.MetricCollector.class),
                location(software.amazon.awssdk.endpoints.Endpoint.class), location(software.amazon.awssdk.identity.spi.IdentityProvider.class)};
        try (URLClassLoader sdk = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Class<?> original = sdk.loadClass(GeneratedServiceMetadataProvider.class.getName());
            assertThat(original).isNotSameAs(GeneratedServiceMetadataProvider.class);
            Field map = original.getDeclaredField("SERVICE_METADATA");
            map.setAccessible(true);
            return (Map<String, Object>) map.get(null);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void className_shouldNameTheSdksClass_forEveryEndpointPrefixOfTheSdk() throws Exception {
        // GIVEN every entry of the SDK's own map
        Map<String, Object> sdk = sdkMap();
        assertThat(sdk).hasSizeGreaterThan(300);

        // THEN the naming rule finds each class by name
        assertThat(sdk).allSatisfy((prefix, metadata) ->
                assertThat(GeneratedServiceMetadataProvider.className(prefix)).as(prefix)
                        .isEqualTo(metadata.getClass().getSimpleName()));
    }

    @Test
    void serviceMetadata_shouldLoadOnlyWhatIsAskedFor_andAnswerNullForAnUnknownPrefix() {
        GeneratedServiceMetadataProvider provider = new GeneratedServiceMetadataProvider();

        assertThat(provider.serviceMetadata("dynamodb").getClass().getSimpleName()).isEqualTo("DynamodbServiceMetadata");
        assertThat(provider.serviceMetadata("s3").getClass().getSimpleName()).isEqualTo("EnhancedS3ServiceMetadata");
        assertThat(provider.serviceMetadata("no-such-service")).isNull();
        assertThat(ServiceMetadata.of("events").signingRegion(Region.EU_WEST_1)).isEqualTo(Region.EU_WEST_1);
    }
}
