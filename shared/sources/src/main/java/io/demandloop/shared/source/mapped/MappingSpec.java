package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One validated entry of configuration section {@code mappings}: how one ticket tool's webhooks are verified
 * and where each canonical {@link io.demandloop.shared.ticket.Ticket} field sits in its records.
 * The format is documented in {@code docs/sources.md}; {@link #parse} checks all of it at start.
 *
 * @param tool        the tool's name, also the intake path segment ({@code /hooks/<tool>}); for an import, its
 *                    {@code source}
 * @param description what the mapping is for, for people; may be null
 * @param auth        how deliveries are verified; null for an import, which is not verified
 * @param records     where the record or records sit in the body; the root when null
 * @param kind        the ticket kind: a constant, or a field and its value map
 * @param version     the field that orders the versions of a record, and how to read it
 * @param link        a URL template with {@code {id}} and {@code {number}} placeholders; may be null
 * @param fields      where each canonical field sits
 */
public record MappingSpec(
        String tool,
        String description,
        MappedAuth auth,
        FieldLocation records,
        Coded<TicketKind> kind,
        Version version,
        String link,
        Fields fields) {

    public MappingSpec {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(fields, "fields");
    }

    /**
     * Reads and validates one mapping.
     *
     * @param tool the key of the mapping in section {@code mappings}
     * @param spec its value, after the user's overrides were merged into the presets
     * @throws MissingConfigurationException naming the tool and the key of the first problem found
     */
    public static MappingSpec parse(String tool, JsonNode spec) {
        return new MappingSpecParser(tool).parse(spec);
    }

    /**
     * Reads and validates the mapping of a CSV import (e.g. configuration key {@code imports.csv}): the keys of a
     * {@code mappings} entry, with the tool named by key {@code source} (equal to the tool's webhook mapping, so that
     * imported and live records of a ticket have one identity), without {@code auth} and {@code records}, and with
     * column names as locations ({@code Ticket ID}; a one-step JSON Pointer such as {@code /Component~1s} is taken
     * too). Parsing a webhook mapping is unaffected.
     *
     * @param key     the configuration key of the mapping, named in messages
     * @param spec    its value
     * @param ownKeys top keys the import reads itself (e.g. {@code missing}): allowed, and ignored here
     * @throws MissingConfigurationException naming {@code <key>.<dotted key>} of the first problem found
     */
    public static MappingSpec parseImport(String key, JsonNode spec, List<String> ownKeys) {
        return MappingSpecParser.forImport(key, ownKeys).parse(spec);
    }

    /**
     * Where each canonical field sits; null where the tool has no such field. There is deliberately no field
     * for people (callers, requesters, assignees): personal data is never mapped.
     *
     * <p>{@code problem}, {@code symptom} and {@code slaMet} give the ticket's
     * {@link io.demandloop.shared.ticket.TicketSignals}: the linked problem's id (the value {@code id} reads on the
     * problem's own record, so that the key {@code <tool>#problem#<id>} is the problem's key), the symptom or cause
     * classification, and the tool's SLA verdict ({@code true}/{@code false}, or mapped by {@code values}).
     */
    public record Fields(
            FieldLocation id,
            FieldLocation number,
            FieldLocation title,
            List<FieldLocation> service,
            FieldLocation configurationItem,
            Coded<Integer> priority,
            Coded<TicketState> state,
            DateField openedAt,
            DateField resolvedAt,
            DateField closedAt,
            DateField updatedAt,
            FieldLocation department,
            FieldLocation assignmentGroup,
            FieldLocation category,
            Effort effortMinutes,
            FieldLocation reopenCount,
            FieldLocation problem,
            FieldLocation symptom,
            Coded<Boolean> slaMet) {

        public Fields {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(openedAt, "openedAt");
            service = List.copyOf(service);
        }
    }

    /**
     * A coded canonical value: read from a field through a value map, or a constant.
     *
     * @param field    where the tool's value sits; null for a constant
     * @param values   the tool's values (trimmed, lower case, so matching ignores case) to canonical ones;
     *                 empty when the tool's values are already canonical
     * @param fallback the value when the field is absent or empty (or the constant); null when then the
     *                 record is invalid. An unknown value is always invalid: guessing would hide a mapping gap.
     */
    public record Coded<T>(FieldLocation field, Map<String, T> values, T fallback) {

        public Coded {
            values = Map.copyOf(values);
            if (field == null && fallback == null) {
                throw new IllegalArgumentException("a constant needs a value");
            }
        }

        /** A constant. */
        public static <T> Coded<T> constant(T value) {
            return new Coded<>(null, Map.of(), value);
        }

        /** The canonical value of a tool's value; null when the map does not know it. */
        T lookup(String toolValue) {
            return values.get(key(toolValue));
        }

        static String key(String toolValue) {
            return toolValue.trim().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A date field.
     *
     * @param field  where it sits
     * @param format how it is written
     */
    public record DateField(FieldLocation field, TimestampFormat format) {
        public DateField {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(format, "format");
        }
    }

    /**
     * The field whose value orders the versions of a record: a newer version has a higher value.
     *
     * @param field  where it sits
     * @param type   how it is read
     * @param format how a date is written; used for {@link VersionType#DATE}
     */
    public record Version(FieldLocation field, VersionType type, TimestampFormat format) {
        public Version {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(format, "format");
        }
    }

    /** How a version is read. */
    public enum VersionType {
        /** A whole number, e.g. a modification counter. */
        NUMBER,
        /** A date (a last-modified stamp), compared as epoch milliseconds. */
        DATE
    }

    /**
     * Effort recorded at the tool.
     *
     * @param field where it sits: a number, or an ISO-8601 duration such as {@code PT1H30M}
     * @param unit  the unit of a number
     */
    public record Effort(FieldLocation field, EffortUnit unit) {
        public Effort {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** The unit of a recorded effort number. */
    public enum EffortUnit {
        MILLISECONDS(60_000), SECONDS(60), MINUTES(1), HOURS(-60);

        /** Units per minute when positive; minutes per unit when negative (to stay exact in decimals). */
        private final int factor;

        EffortUnit(int factor) {
            this.factor = factor;
        }

        /** Whole minutes of an amount in this unit, any fraction of a minute dropped (as the tools count worked time). */
        public long toMinutes(BigDecimal amount) {
            BigDecimal minutes = factor > 0
                    ? amount.divide(BigDecimal.valueOf(factor), 0, RoundingMode.DOWN)
                    : amount.multiply(BigDecimal.valueOf(-factor));
            return minutes.setScale(0, RoundingMode.DOWN).longValueExact();
        }

        /** The name used in configuration. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
