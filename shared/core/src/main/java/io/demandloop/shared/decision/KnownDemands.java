package io.demandloop.shared.decision;

/**
 * Whether a demand is stored: the one question the intake asks of the demand table, before it accepts a decision or an
 * initiative that names a demand. Narrower than the demand repository, so the intake carries nothing of the
 * evaluation.
 */
@FunctionalInterface
public interface KnownDemands {

    /** Whether a demand with this id ({@code <service>#<pattern>}) is stored; fails on an id that is not one. */
    boolean contains(String demandId);
}
