package io.demandloop.shared.alert;

/**
 * The alerts around an episode kept changing while it was being recomputed (other deliveries writing at the same
 * time); thrown so that the delivery is retried, which recomputes from what is stored then.
 */
public class EpisodeReconciliationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EpisodeReconciliationException(String message) {
        super(message);
    }
}
