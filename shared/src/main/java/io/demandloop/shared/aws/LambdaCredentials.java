package io.demandloop.shared.aws;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;

/**
 * The functions' credentials, from where Lambda puts them, without walking the SDK's default chain (web identity,
 * profile files, instance metadata) at a cold start. The source is chosen at the first real request, not when the
 * client is built, so that a SnapStart snapshot holds no choice and no credentials of the environment it was taken
 * in:
 * <ol>
 *   <li>{@code aws.accessKeyId} set: the system properties (the embedded stack and the tests; first, as in the SDK's
 *       default chain, so a developer's own keys in the shell never reach the local servers);</li>
 *   <li>{@code AWS_ACCESS_KEY_ID} set: the environment variables, read again per request (Lambda without SnapStart);</li>
 *   <li>{@code AWS_CONTAINER_CREDENTIALS_FULL_URI} or {@code _RELATIVE_URI} set: the container provider (how Lambda
 *       hands credentials to a SnapStart function, and the reason an environment-variable provider alone would break
 *       there);</li>
 *   <li>otherwise the SDK's default chain (a developer's machine).</li>
 * </ol>
 * That is the SDK's default chain's order without its web identity, profile file and instance metadata steps.
 * While {@link Priming} runs a request, it answers a fixed placeholder instead and asks no source, so priming neither
 * needs nor caches a credential (the request is stopped before it is signed).
 */
public final class LambdaCredentials implements AwsCredentialsProvider {

    /** What priming signs nothing with. */
    static final AwsCredentials PRIMING = AwsBasicCredentials.create("priming", "priming");

    private static final AtomicInteger RESOLVED = new AtomicInteger();

    private final Function<String, String> environment;
    private final Function<String, String> properties;
    private volatile AwsCredentialsProvider source;

    private LambdaCredentials(Function<String, String> environment, Function<String, String> properties) {
        this.environment = environment;
        this.properties = properties;
    }

    /** Credentials from the process's environment and system properties. */
    public static LambdaCredentials create() {
        return new LambdaCredentials(System::getenv, System::getProperty);
    }

    /** For tests: the environment and the system properties given. */
    static LambdaCredentials of(Function<String, String> environment, Function<String, String> properties) {
        return new LambdaCredentials(environment, properties);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        if (Priming.active()) {
            return PRIMING;
        }
        RESOLVED.incrementAndGet();
        return source().resolveCredentials();
    }

    /** How many real credentials every instance has been asked for in this JVM (for the priming tests: none). */
    public static int resolved() {
        return RESOLVED.get();
    }

    /** The source in use, or {@code null} before the first real request (always, in a snapshot). */
    AwsCredentialsProvider chosen() {
        return source;
    }

    private AwsCredentialsProvider source() {
        AwsCredentialsProvider chosen = source;
        if (chosen == null) {
            synchronized (this) {
                chosen = source;
                if (chosen == null) {
                    chosen = choose();
                    source = chosen;
                }
            }
        }
        return chosen;
    }

    private AwsCredentialsProvider choose() {
        if (set(properties.apply("aws.accessKeyId"))) {
            return SystemPropertyCredentialsProvider.create();
        }
        if (set(environment.apply("AWS_ACCESS_KEY_ID"))) {
            return EnvironmentVariableCredentialsProvider.create();
        }
        if (set(environment.apply("AWS_CONTAINER_CREDENTIALS_FULL_URI"))
                || set(environment.apply("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))) {
            return ContainerCredentialsProvider.builder().build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "LambdaCredentials(" + (source == null ? "not chosen yet" : source.getClass().getSimpleName()) + ")";
    }
}
