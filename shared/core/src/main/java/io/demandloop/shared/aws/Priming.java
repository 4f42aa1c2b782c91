package io.demandloop.shared.aws;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * SnapStart priming of SDK calls without a network call: inside {@link #withoutNetwork}, every SDK request of a
 * client built by {@link AwsClients#lean} is marshalled to its HTTP request (the request classes, the protocol
 * marshaller, the endpoint rules, the credentials chain all load and run) and then stopped before signing, so nothing
 * is sent. No credential is asked for: {@link LambdaCredentials} answers a placeholder while priming runs and chooses
 * its source only at the first real request, so a restored snapshot uses the restored environment's. The functions' CRaC {@code beforeCheckpoint} hooks use it (docs/PERFORMANCE.md, "Cold start").
 */
public final class Priming {

    /**
     * Inheritable: a thread started inside {@link #withoutNetwork} (e.g. the demand reader's Query pool, created per
     * read) is priming too, so its requests are stopped like the caller's instead of going to the network.
     */
    private static final ThreadLocal<Boolean> ACTIVE = new InheritableThreadLocal<>() {
        @Override
        protected Boolean initialValue() {
            return Boolean.FALSE;
        }
    };
    private static final AtomicInteger STOPPED = new AtomicInteger();

    private Priming() {
    }

    /** Runs an SDK call with its request stopped once marshalled; whatever the stop makes the call throw is dropped. */
    public static void withoutNetwork(Runnable call) {
        ACTIVE.set(Boolean.TRUE);
        try {
            call.run();
        } catch (RuntimeException expected) {
            // The stop surfaces as an exception of the call (or of the adapter around it): what priming wants.
        } finally {
            ACTIVE.set(Boolean.FALSE);
        }
    }

    /**
     * A priming sample packaged in a function's jar (its {@code events/} fixture, under {@code priming/}); fails naming
     * it when it is missing, so a broken package fails the snapshot rather than priming nothing.
     */
    public static byte[] sample(Class<?> owner, String resource) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Loads and runs once the JDK crypto a SigV4 signature needs at the first real request (HMAC-SHA256 and SHA-256),
     * which {@link #withoutNetwork} never reaches since it stops before signing. Zero key, zero data: nothing random,
     * secret or kept.
     */
    public static void loadSigningCrypto() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            mac.doFinal(new byte[32]);
            MessageDigest.getInstance("SHA-256").digest(new byte[32]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256 or SHA-256, which every SigV4 signature needs", e);
        }
    }

    /** Whether the calling thread is inside {@link #withoutNetwork} ({@link LambdaCredentials} asks no source then). */
    static boolean active() {
        return ACTIVE.get();
    }

    /** How many requests priming has stopped in this JVM (for tests). */
    public static int stoppedRequests() {
        return STOPPED.get();
    }

    /** The interceptor {@link AwsClients#lean} adds to every client; inert outside {@link #withoutNetwork}. */
    static final class StopBeforeSigning implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            if (ACTIVE.get()) {
                STOPPED.incrementAndGet();
                throw new PrimingStopException();
            }
            return context.httpRequest();
        }
    }

    /** Thrown to stop a primed request; never escapes {@link #withoutNetwork}. */
    static final class PrimingStopException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PrimingStopException() {
            super("stopped by SnapStart priming before signing", null, false, false);
        }
    }
}
