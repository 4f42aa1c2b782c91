package io.demandloop.local.template;

/**
 * An event bus: an {@code AWS::Events::EventBus} of the template, or the implicit {@code default} bus every account
 * has (its {@code logicalId} is {@code null}).
 *
 * @param logicalId the logical id in the template, or {@code null} for the default bus
 * @param name      the physical bus name, e.g. {@code demandloop-demand}
 */
public record BusDef(String logicalId, String name) {

    /** Name of the bus every account has and that {@code PutEvents} uses when no bus is named. */
    public static final String DEFAULT_BUS_NAME = "default";

    /** The implicit default bus. */
    public static final BusDef DEFAULT = new BusDef(null, DEFAULT_BUS_NAME);

    /** @return whether this is the implicit default bus rather than one declared in the template */
    public boolean isDefault() {
        return logicalId == null;
    }

    /** @return a fake ARN in the local account and region */
    public String arn() {
        return SamTemplate.arn("events", "event-bus/" + name);
    }
}
