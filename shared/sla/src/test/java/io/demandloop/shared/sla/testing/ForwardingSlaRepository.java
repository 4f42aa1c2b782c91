package io.demandloop.shared.sla.testing;

import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaClaim;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.SlaTicketRecord;
import io.demandloop.shared.sla.TicketVersion;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SlaRepository} that forwards every call to another one: the base of test decorators that slip in another
 * writer's write or a failure at one point and leave the rest alone.
 */
public class ForwardingSlaRepository implements SlaRepository {

    private final SlaRepository delegate;

    public ForwardingSlaRepository(SlaRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public boolean recordVersion(TicketVersion version) {
        return delegate.recordVersion(version);
    }

    @Override
    public SlaTicketRecord load(String ticketKey, String policyVersion) {
        return delegate.load(ticketKey, policyVersion);
    }

    @Override
    public boolean saveState(SlaState state, long expectedRevision) {
        return delegate.saveState(state, expectedRevision);
    }

    @Override
    public List<String> findDue(String policyVersion, Instant asOf) {
        return delegate.findDue(policyVersion, asOf);
    }

    @Override
    public List<String> findTracked(String policyVersion) {
        return delegate.findTracked(policyVersion);
    }

    @Override
    public boolean claim(String ticketKey, String thresholdId, String policyVersion, String owner, Instant now,
                         Instant leaseUntil) {
        return delegate.claim(ticketKey, thresholdId, policyVersion, owner, now, leaseUntil);
    }

    @Override
    public void complete(String ticketKey, String thresholdId, String owner, SlaClaim.Status status) {
        delegate.complete(ticketKey, thresholdId, owner, status);
    }

    @Override
    public void release(String ticketKey, String thresholdId, String owner) {
        delegate.release(ticketKey, thresholdId, owner);
    }

    @Override
    public Map<String, SlaState> findStates(String policyVersion, Collection<String> ticketKeys) {
        return delegate.findStates(policyVersion, ticketKeys);
    }

    @Override
    public boolean recordBreach(SlaBreach breach) {
        return delegate.recordBreach(breach);
    }

    @Override
    public boolean replaceBreach(SlaBreach recorded, SlaBreach breach) {
        return delegate.replaceBreach(recorded, breach);
    }

    @Override
    public boolean removeBreach(SlaBreach recorded) {
        return delegate.removeBreach(recorded);
    }

    @Override
    public List<SlaBreach> breachesBetween(String service, Instant from, Instant to) {
        return delegate.breachesBetween(service, from, to);
    }
}
