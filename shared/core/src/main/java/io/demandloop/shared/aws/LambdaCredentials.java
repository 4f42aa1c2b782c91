package io.demandloop.shared.aws;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The functions' credentials: the SDK's default chain (the house style's rule: an environment-variable provider alone
 * breaks under SnapStart, where Lambda hands credentials through the container URI), built at the first real request
 * rather than when the client is built, so that a SnapStart snapshot holds no chain and no credentials of the
 * environment it was taken in. While {@link Priming} runs a request, it answers a fixed placeholder instead and asks no
 * source, so priming neither needs nor caches a credential (the request is stopped before it is signed).
 */
public final class LambdaCredentials implements AwsCredentialsProvider {

    /** What priming signs nothing with. */
    static final AwsCredentials PRIMING = AwsBasicCredentials.create("priming", "priming");

    private static final AtomicInteger RESOLVED = new AtomicInteger();

    private volatile AwsCredentialsProvider source;

    private LambdaCredentials() {
    }

    /** The default chain, built at the first real request. */
    public static LambdaCredentials create() {
        return new LambdaCredentials();
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

    private static AwsCredentialsProvider choose() {
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public String toString() {
        return "LambdaCredentials(" + (source == null ? "not chosen yet" : source.getClass().getSimpleName()) + ")";
    }
}
