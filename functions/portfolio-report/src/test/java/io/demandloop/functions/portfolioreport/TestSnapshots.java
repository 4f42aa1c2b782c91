package io.demandloop.functions.portfolioreport;

import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.CapacitySnapshot.Load;
import io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad;
import io.demandloop.shared.demand.CapacitySnapshot.TeamLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Capacity snapshots as the nightly evaluation keeps them, with round numbers. */
final class TestSnapshots {

    private TestSnapshots() {
    }

    /**
     * Four teams, highest share first: payments over its capacity (120 %), identity over half of it (55 %),
     * messaging well under (5.32 %), idle with no service; and VPN, which no team owns.
     */
    static CapacitySnapshot snapshot(Instant asOf) {
        return snapshot(asOf, "payments", "Payments", "VPN");
    }

    /** As {@link #snapshot(Instant)}, with the first team, its first service and the team-less service named. */
    static CapacitySnapshot snapshot(Instant asOf, String firstTeam, String firstService, String teamless) {
        return new CapacitySnapshot(asOf, "30d", asOf.minus(Duration.ofDays(30)), List.of(
                new TeamLoad(firstTeam, 40, new Load(48, 40, 6, 2), 1.2, List.of(
                        new ServiceLoad(firstService, new Load(42, 36, 4, 2), 1.05),
                        new ServiceLoad("Card Gateway", new Load(6, 4, 2, 0), 0.15))),
                new TeamLoad("identity", 80, new Load(44, 10, 34, 0), 0.55, List.of(
                        new ServiceLoad("Access Management", new Load(44, 10, 34, 0), 0.55))),
                new TeamLoad("messaging", 120, new Load(6.38, 5, 1.38, 0), 0.0532, List.of(
                        new ServiceLoad("Email", new Load(6.38, 5, 1.38, 0), 0.0532))),
                new TeamLoad("idle", 50, Load.NONE, 0, List.of())),
                List.of(new ServiceLoad(teamless, new Load(1.4, 1.4, 0, 0), null)));
    }
}
