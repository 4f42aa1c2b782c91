package io.demandloop.shared.sla;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The validated SLA configuration: calendars built, every clock's conditions complete, policies resolved to
 * their calendars. Built once at a function's start; a mistake fails there with the section and key named.
 */
public final class SlaPolicies {

    private final String version;
    private final Map<String, String> serviceTiers;
    private final Map<String, WorkingCalendar> calendars;
    private final Map<SlaMetric, ClockConditions> clocks;
    private final List<Policy> policies;

    private SlaPolicies(String version, Map<String, String> serviceTiers, Map<String, WorkingCalendar> calendars,
                        Map<SlaMetric, ClockConditions> clocks, List<Policy> policies) {
        this.version = version;
        this.serviceTiers = serviceTiers;
        this.calendars = calendars;
        this.clocks = clocks;
        this.policies = policies;
    }

    /** The policies of a configuration's {@value SlaConfig#SECTION} section. */
    public static SlaPolicies from(DemandloopConfig config) {
        return from(config.section(SlaConfig.SECTION, SlaConfig.class));
    }

    /** Validates a bound section; fails with {@link MissingConfigurationException} naming the key. */
    public static SlaPolicies from(SlaConfig config) {
        String version = config.policyVersion();
        if (version == null || version.isBlank() || !version.matches("[A-Za-z0-9._-]{1,40}")) {
            throw invalid("policyVersion", "must be 1 to 40 letters, digits, '.', '_' or '-', was '" + version + "'");
        }
        List<Integer> warnings = warnings(config.warnings(), "warnings");
        Map<String, WorkingCalendar> calendars = new LinkedHashMap<>();
        if (config.calendars() != null) {
            config.calendars().forEach((name, spec) -> calendars.put(name, calendar(name, spec)));
        }
        Map<SlaMetric, ClockConditions> clocks = new EnumMap<>(SlaMetric.class);
        Map<String, SlaConfig.ClockRules> clockSpecs = config.clocks() == null ? Map.of() : config.clocks();
        for (String key : clockSpecs.keySet()) {
            try {
                SlaMetric.fromWireName(key);
            } catch (IllegalArgumentException e) {
                throw invalid("clocks." + key, e.getMessage());
            }
        }
        for (SlaMetric metric : SlaMetric.values()) {
            SlaConfig.ClockRules spec = clockSpecs.get(metric.wireName());
            if (spec == null) {
                throw invalid("clocks." + metric.wireName(), "is missing");
            }
            clocks.put(metric, conditions(metric, spec));
        }
        List<Policy> policies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<SlaConfig.Policy> specs = config.policies() == null ? List.of() : config.policies();
        for (int i = 0; i < specs.size(); i++) {
            SlaConfig.Policy spec = specs.get(i);
            String where = "policies[" + i + "]";
            if (spec == null || spec.name() == null || spec.name().isBlank()) {
                throw invalid(where + ".name", "is missing");
            }
            if (!names.add(spec.name())) {
                throw invalid(where + ".name", "'" + spec.name() + "' is used by two policies");
            }
            WorkingCalendar calendar = calendars.get(spec.calendar());
            if (calendar == null) {
                throw invalid(where + ".calendar", "'" + spec.calendar() + "' is not one of the calendars " + calendars.keySet());
            }
            Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
            putTarget(targets, SlaMetric.RESPONSE, spec.response(), where);
            putTarget(targets, SlaMetric.RESOLUTION, spec.resolution(), where);
            if (targets.isEmpty()) {
                throw invalid(where, "policy '" + spec.name() + "' has neither a response nor a resolution target");
            }
            List<Integer> priorities = spec.priorities() == null ? List.of() : List.copyOf(spec.priorities());
            for (int priority : priorities) {
                if (priority < 1 || priority > 5) {
                    throw invalid(where + ".priorities", "priorities are 1 to 5, was " + priority);
                }
            }
            policies.add(new Policy(spec.name(),
                    spec.kinds() == null ? Set.of() : Set.copyOf(spec.kinds()),
                    Set.copyOf(priorities),
                    spec.tiers() == null ? Set.of() : Set.copyOf(spec.tiers()),
                    calendar, targets,
                    spec.warnings() == null ? warnings : warnings(spec.warnings(), where + ".warnings")));
        }
        return new SlaPolicies(version, config.serviceTiers() == null ? Map.of() : Map.copyOf(config.serviceTiers()),
                Map.copyOf(calendars), clocks, List.copyOf(policies));
    }

    /** The policy version: the key SLA state is kept under. */
    public String version() {
        return version;
    }

    /** The conditions of one metric's clock. */
    public ClockConditions clock(SlaMetric metric) {
        return clocks.get(metric);
    }

    /** The calendar of that name, if configured. */
    public Optional<WorkingCalendar> calendar(String name) {
        return Optional.ofNullable(calendars.get(name));
    }

    /** The tier of a service, if configured. */
    public Optional<String> tierOf(String service) {
        return Optional.ofNullable(serviceTiers.get(service));
    }

    /** The first policy that matches the ticket's kind, priority and service tier; empty when none does. */
    public Optional<Policy> policyFor(TicketKind kind, int priority, String service) {
        String tier = serviceTiers.get(service);
        for (Policy policy : policies) {
            if (policy.matches(kind, priority, tier)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    /** Every policy, in order. */
    public List<Policy> policies() {
        return policies;
    }

    private static void putTarget(Map<SlaMetric, Duration> targets, SlaMetric metric, Duration target, String where) {
        if (target == null) {
            return;
        }
        if (target.isNegative() || target.isZero()) {
            throw invalid(where + "." + metric.wireName(), "a target must be positive, was " + target);
        }
        targets.put(metric, target);
    }

    private static List<Integer> warnings(List<Integer> warnings, String where) {
        if (warnings == null) {
            return List.of();
        }
        int previous = 0;
        for (Integer warning : warnings) {
            if (warning == null || warning <= previous || warning >= 100) {
                throw invalid(where, "at-risk thresholds are ascending percentages between 1 and 99, was " + warnings);
            }
            previous = warning;
        }
        return List.copyOf(warnings);
    }

    private static WorkingCalendar calendar(String name, SlaConfig.Calendar spec) {
        String where = "calendars." + name;
        if (spec == null || spec.zone() == null) {
            throw invalid(where + ".zone", "is missing");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(spec.zone());
        } catch (DateTimeException e) {
            throw invalid(where + ".zone", "'" + spec.zone() + "' is not a time zone (e.g. Europe/Berlin or UTC)");
        }
        Map<DayOfWeek, List<WorkingCalendar.Interval>> hours = new EnumMap<>(DayOfWeek.class);
        if (spec.hours() != null) {
            spec.hours().forEach((day, intervals) -> {
                DayOfWeek weekday;
                try {
                    weekday = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw invalid(where + ".hours." + day, "is not a weekday (monday ... sunday)");
                }
                List<WorkingCalendar.Interval> parsed = new ArrayList<>();
                for (String interval : intervals == null ? List.<String>of() : intervals) {
                    try {
                        parsed.add(WorkingCalendar.Interval.parse(interval));
                    } catch (IllegalArgumentException e) {
                        throw invalid(where + ".hours." + day, e.getMessage());
                    }
                }
                hours.put(weekday, parsed);
            });
        }
        try {
            return new WorkingCalendar(name, zone, hours, spec.holidays() == null ? Set.of() : Set.copyOf(spec.holidays()));
        } catch (IllegalArgumentException e) {
            throw invalid(where + ".hours", e.getMessage());
        }
    }

    private static ClockConditions conditions(SlaMetric metric, SlaConfig.ClockRules spec) {
        String where = "clocks." + metric.wireName();
        Map<TicketState, ClockConditions.Effect> effects = new EnumMap<>(TicketState.class);
        put(effects, spec.start(), ClockConditions.Effect.RUN, where + ".start");
        put(effects, spec.pause(), ClockConditions.Effect.PAUSE, where + ".pause");
        put(effects, spec.stop(), ClockConditions.Effect.STOP, where + ".stop");
        put(effects, spec.cancel(), ClockConditions.Effect.CANCEL, where + ".cancel");
        for (TicketState state : TicketState.values()) {
            if (!effects.containsKey(state)) {
                throw invalid(where, "state '" + state.wireName() + "' is in none of start, pause, stop, cancel");
            }
        }
        if (effects.get(TicketState.OPEN) != ClockConditions.Effect.RUN) {
            throw invalid(where + ".start", "must contain 'open': a ticket's clock starts when it is opened");
        }
        return new ClockConditions(effects, spec.onReopen() == null ? ReopenRule.RESUME : spec.onReopen());
    }

    private static void put(Map<TicketState, ClockConditions.Effect> effects, List<TicketState> states,
                            ClockConditions.Effect effect, String where) {
        for (TicketState state : states == null ? List.<TicketState>of() : states) {
            ClockConditions.Effect previous = effects.put(Objects.requireNonNull(state, where), effect);
            if (previous != null) {
                throw invalid(where, "state '" + state.wireName() + "' is listed twice (also as " + previous.name().toLowerCase(Locale.ROOT) + ")");
            }
        }
    }

    private static MissingConfigurationException invalid(String key, String problem) {
        return new MissingConfigurationException("configuration section '" + SlaConfig.SECTION + "' at " + key + ": " + problem);
    }

    /**
     * One validated policy.
     *
     * @param name       its name
     * @param kinds      kinds it applies to; empty for all
     * @param priorities priorities it applies to; empty for all
     * @param tiers      service tiers it applies to; empty for all
     * @param calendar   its calendar
     * @param targets    its targets, per metric it has
     * @param warnings   its at-risk thresholds in percent, ascending
     */
    public record Policy(String name, Set<TicketKind> kinds, Set<Integer> priorities, Set<String> tiers,
                         WorkingCalendar calendar, Map<SlaMetric, Duration> targets, List<Integer> warnings) {

        boolean matches(TicketKind kind, int priority, String tier) {
            return (kinds.isEmpty() || kinds.contains(kind))
                    && (priorities.isEmpty() || priorities.contains(priority))
                    && (tiers.isEmpty() || (tier != null && tiers.contains(tier)));
        }

        /** The thresholds of a clock: the warnings, then 100 (the breach). */
        public List<Integer> thresholds() {
            List<Integer> all = new ArrayList<>(warnings);
            all.add(SlaThreshold.BREACH);
            return all;
        }
    }
}
