package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.source.Delivery;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.source.VerificationResult;
import io.demandloop.shared.source.WebhookSource;
import java.util.List;
import java.util.Objects;

/**
 * A ticket tool wired by configuration alone: one entry of section {@code mappings} says how its deliveries
 * are verified ({@link MappedAuth}) and where each canonical field sits in its records ({@link MappingSpec}).
 * Built once at init; stateless and thread-safe.
 */
public final class MappedSource implements WebhookSource {

    private final MappingSpec spec;
    private final MappedNormaliser normaliser;

    /**
     * @param spec   the tool's validated mapping
     * @param config the configuration whose service aliases turn the tool's service names into catalog names
     */
    public MappedSource(MappingSpec spec, DemandloopConfig config) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.normaliser = new MappedNormaliser(spec, config::serviceFor);
    }

    /** The mapping this source follows. */
    public MappingSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return spec.tool();
    }

    @Override
    public VerificationResult verify(Delivery delivery, List<String> secrets) {
        return spec.auth().verify(spec.tool(), delivery, secrets);
    }

    @Override
    public NormalisedDelivery normalise(Delivery delivery, JsonNode body) {
        return NormalisedDelivery.ofTickets(normaliser.normalise(body));
    }

    @Override
    public String toString() {
        return "MappedSource[" + spec.tool() + "]";
    }
}
