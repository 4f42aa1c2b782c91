package software.amazon.awssdk.regions;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Replaces the AWS SDK's class of the same name in the functions' jars (their shade configuration leaves the SDK's
 * copy out): the same answers, loaded lazily. The SDK's version builds a map of every AWS service's metadata in its
 * static initialiser, about 320 classes, the first time any client is built (each client derives its legacy signing
 * region from {@code ServiceMetadata.of}, whatever its endpoint); a function that talks to DynamoDB and EventBridge
 * needs two of them. Measured: about 120 ms of CPU less per cold start (docs/PERFORMANCE.md, "Cold start").
 *
 * <p>The class of an endpoint prefix is found by the SDK's code generator's naming rule (each part between {@code -}
 * and {@code .} capitalised, then {@code ServiceMetadata}; {@code s3} is {@code EnhancedS3ServiceMetadata});
 * {@code GeneratedServiceMetadataProviderTest} checks the rule against every entry of the SDK's own map, so an SDK
 * upgrade that breaks it fails the build. A prefix without a class answers {@code null}, as the SDK's map does.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    private static final String PACKAGE = "software.amazon.awssdk.regions.servicemetadata.";
    private static final Map<String, String> EXCEPTIONS = Map.of("s3", "EnhancedS3ServiceMetadata");
    private static final ConcurrentMap<String, Optional<ServiceMetadata>> LOADED = new ConcurrentHashMap<>();

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return LOADED.computeIfAbsent(endpointPrefix, GeneratedServiceMetadataProvider::load).orElse(null);
    }

    /** The simple name of the metadata class the SDK generates for an endpoint prefix. */
    static String className(String endpointPrefix) {
        String exception = EXCEPTIONS.get(endpointPrefix);
        if (exception != null) {
            return exception;
        }
        StringBuilder name = new StringBuilder();
        for (String part : endpointPrefix.split("[-.]")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part, 1, part.length());
            }
        }
        return name.append("ServiceMetadata").toString();
    }

    private static Optional<ServiceMetadata> load(String endpointPrefix) {
        try {
            Class<?> type = Class.forName(PACKAGE + className(endpointPrefix), true,
                    GeneratedServiceMetadataProvider.class.getClassLoader());
            return Optional.of((ServiceMetadata) type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot load the service metadata of " + endpointPrefix, e);
        }
    }
}
