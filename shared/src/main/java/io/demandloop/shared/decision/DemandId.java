package io.demandloop.shared.decision;

import io.demandloop.shared.demand.DemandEvaluator;
import io.demandloop.shared.demand.DemandRecord;
import java.util.List;

/**
 * A demand's identity split into its service and pattern ({@link DemandRecord#id(String, String)}). A service name
 * may contain {@code #}, so the split is where a known pattern kind begins.
 *
 * @param service the service
 * @param pattern the pattern, e.g. {@code recurring-incidents#category:network}
 */
public record DemandId(String service, String pattern) {

    private static final List<String> KINDS = List.of(DemandEvaluator.RECURRING_INCIDENTS + "#",
            DemandEvaluator.REQUEST_DEMAND + "#", DemandEvaluator.SERVICE_RISK, DemandEvaluator.ALERT_NOISE);

    /** Splits {@code <service>#<pattern>}; fails naming the id when it names no known pattern kind. */
    public static DemandId parse(String id) {
        if (id != null) {
            int best = -1;
            for (String kind : KINDS) {
                int at = id.indexOf("#" + kind);
                while (at >= 0) {
                    String rest = id.substring(at + 1);
                    boolean whole = kind.endsWith("#") || rest.equals(kind);
                    if (at > 0 && whole && (best < 0 || at < best)) {
                        best = at;
                        break;
                    }
                    at = id.indexOf("#" + kind, at + 1);
                }
            }
            if (best > 0) {
                return new DemandId(id.substring(0, best), id.substring(best + 1));
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not a demand id: expected <service>#<pattern>, the pattern "
                + "one of recurring-incidents#…, request-demand#…, service-risk, alert-noise");
    }

    /** {@code <service>#<pattern>}. */
    public String id() {
        return DemandRecord.id(service, pattern);
    }
}
