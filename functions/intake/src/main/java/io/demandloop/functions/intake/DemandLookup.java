package io.demandloop.functions.intake;

import io.demandloop.shared.decision.KnownDemands;
import java.util.function.Supplier;

/**
 * The intake's demand lookup, its DynamoDB side built at the first lookup instead of at init: only
 * initiatives and demand decisions name demands, so a cold start that delivers a ticket or an alert builds no
 * DynamoDB client. SnapStart priming looks one up, so a snapshot holds the client built.
 */
final class DemandLookup implements KnownDemands {

    private final Lazy<KnownDemands> known;

    DemandLookup(Supplier<KnownDemands> factory) {
        this.known = new Lazy<>(factory);
    }

    /** Whether the lookup's DynamoDB side has been built (for tests). */
    boolean built() {
        return known.built();
    }

    @Override
    public boolean contains(String demandId) {
        return known.get().contains(demandId);
    }
}
