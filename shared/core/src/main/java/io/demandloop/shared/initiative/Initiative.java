package io.demandloop.shared.initiative;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Work that targets one or more services, from wherever a portfolio team keeps it (a promoted demand, a Jira epic,
 * a ServiceNow SPM project or demand, a roadmap export, a JSON initiative source). Kept like a ticket: one item per
 * initiative, newest {@link #sourceVersion} wins, a redelivery changes nothing.
 *
 * <p>Build it with {@link #builder()}: it has too many components of the same type to construct by position.
 *
 * @param source          the tool, e.g. {@code jira}, {@code servicenow}, {@code demandloop} (a promoted demand),
 *                        {@code roadmap} (an import) or the JSON source's name
 * @param sourceId        the tool's stable identity of the record
 * @param title           what it is called
 * @param services        the targeted services, at least one, in the order given, no duplicates
 * @param demandIds       the demands it answers ({@code <service>#<pattern>}), possibly none
 * @param expected        what it should change; when it came from a demand, the demand's criteria's default
 * @param status          where it stands
 * @param deliveredAt     when it was delivered; null unless {@link InitiativeStatus#DELIVERED}
 * @param team            the owning team; may be null
 * @param link            a URL back to the record at the source; may be null
 * @param sourceVersion   the source's version counter; a higher one is newer
 * @param sourceUpdatedAt when the source last changed the record
 */
public record Initiative(String source, String sourceId, String title, List<String> services, List<String> demandIds,
                         ExpectedOutcome expected, InitiativeStatus status, Instant deliveredAt, String team,
                         String link, long sourceVersion, Instant sourceUpdatedAt) {

    public Initiative {
        requireText(source, "source");
        requireText(sourceId, "sourceId");
        requireText(title, "title");
        services = services == null ? List.of() : List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("an initiative needs at least one targeted service ('services')");
        }
        if (services.stream().distinct().count() != services.size()) {
            throw new IllegalArgumentException("'services' names a service twice: " + services);
        }
        demandIds = demandIds == null ? List.of() : List.copyOf(demandIds);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(status, "status");
        if (status == InitiativeStatus.DELIVERED && deliveredAt == null) {
            throw new IllegalArgumentException("a delivered initiative needs 'deliveredAt'");
        }
        Objects.requireNonNull(sourceUpdatedAt, "sourceUpdatedAt");
    }

    /** The identity, {@code <source>#<sourceId>}. */
    public String id() {
        return identity(source, sourceId);
    }

    /** The identity of a source's record. */
    public static String identity(String source, String sourceId) {
        return source + "#" + sourceId;
    }

    /** Whether it is delivered and so measured. */
    public boolean delivered() {
        return status == InitiativeStatus.DELIVERED;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy to change a few components of. */
    public Builder toBuilder() {
        return new Builder().source(source).sourceId(sourceId).title(title).services(services).demandIds(demandIds)
                .expected(expected).status(status).deliveredAt(deliveredAt).team(team).link(link)
                .sourceVersion(sourceVersion).sourceUpdatedAt(sourceUpdatedAt);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an initiative needs '" + name + "'");
        }
    }

    /** Builds an {@link Initiative} by name; {@link #build()} validates. */
    public static final class Builder {
        private String source;
        private String sourceId;
        private String title;
        private List<String> services = List.of();
        private List<String> demandIds = List.of();
        private ExpectedOutcome expected;
        private InitiativeStatus status = InitiativeStatus.PROPOSED;
        private Instant deliveredAt;
        private String team;
        private String link;
        private long sourceVersion;
        private Instant sourceUpdatedAt;

        private Builder() {
        }

        public Builder source(String value) { this.source = value; return this; }
        public Builder sourceId(String value) { this.sourceId = value; return this; }
        public Builder title(String value) { this.title = value; return this; }
        public Builder services(List<String> value) { this.services = value; return this; }
        public Builder demandIds(List<String> value) { this.demandIds = value; return this; }
        public Builder expected(ExpectedOutcome value) { this.expected = value; return this; }
        public Builder status(InitiativeStatus value) { this.status = value; return this; }
        public Builder deliveredAt(Instant value) { this.deliveredAt = value; return this; }
        public Builder team(String value) { this.team = value; return this; }
        public Builder link(String value) { this.link = value; return this; }
        public Builder sourceVersion(long value) { this.sourceVersion = value; return this; }
        public Builder sourceUpdatedAt(Instant value) { this.sourceUpdatedAt = value; return this; }

        public Initiative build() {
            return new Initiative(source, sourceId, title, services, demandIds, expected, status, deliveredAt, team,
                    link, sourceVersion, sourceUpdatedAt);
        }
    }
}
