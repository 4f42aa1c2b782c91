package io.demandloop.shared.report;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Port: links to report objects that anyone holding them can open for a while, without access to the bucket (S3
 * presigned GET URLs). The bucket itself stays private.
 */
public interface ReportLinker {

    /** SigV4's limit on a presigned URL's lifetime: seven days. */
    Duration MAX_EXPIRY = Duration.ofDays(7);

    /**
     * A link to one object, valid for {@code expiry} from {@code now}.
     *
     * @throws IllegalArgumentException when {@code expiry} is not positive or longer than {@link #MAX_EXPIRY}
     */
    URI link(String key, Duration expiry, Instant now);

    /** Checks an expiry against {@link #MAX_EXPIRY}; the message names the value and the limit. */
    static Duration checkExpiry(Duration expiry) {
        if (expiry == null || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("link expiry must be positive, was " + expiry);
        }
        if (expiry.compareTo(MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException("link expiry " + expiry + " is longer than seven days (P7D), the most "
                    + "a SigV4 presigned URL allows");
        }
        return expiry;
    }
}
