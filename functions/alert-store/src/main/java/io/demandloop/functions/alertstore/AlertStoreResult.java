package io.demandloop.functions.alertstore;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.ticket.StoreOutcome;

/**
 * What storing one monitoring event did.
 *
 * @param alert   the alert's key
 * @param service its service
 * @param outcome stored, duplicate or stale
 * @param episode the episode the stored alert belongs to now; null only if it could not be found
 * @param written episodes written (new or changed)
 * @param deleted superseded episodes deleted
 */
public record AlertStoreResult(String alert, String service, StoreOutcome outcome, AlertEpisode episode, int written,
                               int deleted) {
}
