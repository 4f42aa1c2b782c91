package io.demandloop.shared.source;

/**
 * What a source's check of a delivery's credentials or signature found.
 *
 * @param problem null when the delivery is authentic; else what is wrong, for the 401 message
 */
public record VerificationResult(String problem) {

    private static final VerificationResult OK = new VerificationResult(null);

    /** The delivery is authentic. */
    public static VerificationResult accepted() {
        return OK;
    }

    /** The delivery is refused, for the reason given. */
    public static VerificationResult rejected(String problem) {
        return new VerificationResult(problem);
    }

    /** Whether the delivery is authentic. */
    public boolean isAccepted() {
        return problem == null;
    }
}
