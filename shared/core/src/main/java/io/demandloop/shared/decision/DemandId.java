package io.demandloop.shared.decision;

import java.util.List;

/**
 * A demand's identity, {@code <service>#<pattern>}, split into its service and pattern. A service name may contain
 * {@code #}, so the split is where a known pattern kind begins. The pattern kinds are named here, where every side
 * that reads an id (the evaluation, a decision, an initiative) finds them.
 *
 * @param service the service
 * @param pattern the pattern, e.g. {@code recurring-incidents#category:network}
 */
public record DemandId(String service, String pattern) {

    /** Pattern of a group of incidents: {@code recurring-incidents#<dimension>:<value>}. */
    public static final String RECURRING_INCIDENTS = "recurring-incidents";
    /** Pattern of a request type: {@code request-demand#category:<type>}. */
    public static final String REQUEST_DEMAND = "request-demand";
    /** Pattern of a service's failed changes and SLA breaches. */
    public static final String SERVICE_RISK = "service-risk";
    /** Pattern of a service's noisy alerts. */
    public static final String ALERT_NOISE = "alert-noise";

    private static final List<String> KINDS = List.of(RECURRING_INCIDENTS + "#", REQUEST_DEMAND + "#",
            SERVICE_RISK, ALERT_NOISE);

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
        return service + "#" + pattern;
    }
}
