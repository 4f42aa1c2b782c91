package io.demandloop.shared.sla;

import io.demandloop.shared.ticket.TicketState;
import java.util.Map;

/**
 * What each canonical state does to one metric's clock, and what a reopen does.
 *
 * @param effects  every state's effect
 * @param onReopen what a return from a stopped or cancelled state to a running or paused one does
 */
public record ClockConditions(Map<TicketState, Effect> effects, ReopenRule onReopen) {

    /** A state's effect on the clock. */
    public enum Effect { RUN, PAUSE, STOP, CANCEL }

    public ClockConditions {
        effects = Map.copyOf(effects);
    }

    /** The effect of a state. */
    public Effect effect(TicketState state) {
        return effects.get(state);
    }
}
