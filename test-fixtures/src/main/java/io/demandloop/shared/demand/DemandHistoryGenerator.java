package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

/**
 * A year of realistic service history for a few dozen services, the same for the same seed, with planted
 * patterns whose right answer is known ({@link #planted()}):
 * <ol>
 *   <li>{@value #OUTAGES}, a critical service with a P1/P2 outage every week, same category and CI, every third
 *       linked to one problem (on the incident's {@code signals}, as a source gives it, and in the inputs'
 *       {@code problemLinks}): an initiative, for critical service, repeated disruption and risk;</li>
 *   <li>{@value #HAMMERED}, one request type asked for by five departments every working day and fulfilled in
 *       days: a portfolio review, for unmet need and manual effort;</li>
 *   <li>{@value #NOISY}, hundreds of flapping alert episodes that never lead to an incident: alert noise that
 *       stays in service management, with no criterion met;</li>
 *   <li>{@value #QUIET}, a low-priority ticket now and then: nothing;</li>
 *   <li>{@value #NAGGING}, a steady trickle of P3 login incidents on a high-tier service: a process improvement,
 *       for repeated disruption only;</li>
 *   <li>two delivered initiatives ({@link #initiatives(Instant)}), both {@value #DELIVERED_DAYS_BEFORE} days before
 *       the end, so that their after windows are complete at it: one that worked ({@value #OUTAGES}'s twice-weekly
 *       database outages, a pattern of their own, stop at delivery; they end before the demand evaluation's current
 *       windows, so they raise no demand) and one that did not ({@value #NAGGING}'s login incidents go on).</li>
 * </ol>
 * plus background services ({@link #backgroundServices()}) whose tickets, changes, alerts and SLA breaches are
 * spread thin enough that none should raise a demand under the default thresholds.
 *
 * <p>Nothing reads the wall clock: the history ends at {@link #AS_OF}, or at the instant given. The tests hold the
 * evaluation to these answers (PlantedPatternsTest), and {@code ./demandloop demo} loads the same history, so that
 * the demo shows the patterns too.
 */
public final class DemandHistoryGenerator {

    /** The evaluation instant the history ends at (exclusive). */
    public static final Instant AS_OF = Instant.parse("2026-11-01T02:00:00Z");
    /** Planted (a): weekly outages of a critical service. */
    public static final String OUTAGES = "Payments";
    /** Planted (b): a request type hammered by five departments. */
    public static final String HAMMERED = "Access Management";
    /** Planted (c): noisy but harmless alerts. */
    public static final String NOISY = "Batch Scheduler";
    /** Planted (d): a quiet service. */
    public static final String QUIET = "Intranet Wiki";
    /** Planted (e): recurring low-priority incidents. */
    public static final String NAGGING = "HR Portal";
    /** The problem planted (a)'s outages are linked to. */
    public static final String OUTAGE_PROBLEM = "servicenow#problem#PRB0040001";

    /** How many days before the end of the history both initiatives were delivered. */
    public static final int DELIVERED_DAYS_BEFORE = 100;
    /** The initiative that worked: Payments' database outages stop at its delivery. */
    public static final String WORKED = "jira#PAY-412";
    /** The initiative that did not: HR Portal's login incidents go on after it. */
    public static final String DID_NOT_WORK = "servicenow#PRJ0010042";

    /** The length of the history by default: a year. */
    public static final int DAYS = 365;
    private static final List<String> BACKGROUND = List.of("CRM", "Data Warehouse", "VPN", "Printing", "Telephony",
            "Document Management", "Expense Claims", "Travel Booking", "Learning Portal", "Customer Portal",
            "Mobile App", "Billing", "Inventory", "Logistics", "Procurement", "Recruiting", "Website", "Analytics",
            "Backup", "File Shares", "Directory", "Service Desk Portal", "Facilities", "Contract Management",
            "Time Tracking", "Wi-Fi");
    private static final List<String> TEAMS = List.of("apps-a", "apps-b", "infrastructure", "workplace", "data");
    private static final List<String> DEPARTMENTS = List.of("Finance", "HR", "Sales", "Engineering", "Operations",
            "Legal", "Marketing");
    private static final List<String> HAMMERING = List.of("Finance", "HR", "Sales", "Engineering", "Operations");
    private static final List<String> INCIDENT_CATEGORIES = List.of("software", "hardware", "network", "performance",
            "data", "configuration", "integration", "storage", "security", "other");
    private static final List<String> REQUEST_CATEGORIES = List.of("new-account", "software-install", "hardware",
            "report", "data-change", "information", "licence", "other");
    private static final List<String> SYMPTOMS = List.of("Slow response", "Page shows blank screen",
            "Export fails", "Sync job stuck", "Wrong totals displayed", "Attachment upload rejected",
            "Session expires early", "Search returns nothing", "Scheduled job missed", "Email notification missing",
            "Printer queue jammed", "Certificate warning shown", "Disk almost full", "Report times out",
            "Mobile view broken", "Missing menu entry", "Duplicate records created", "Password reset loop",
            "Dashboard widgets empty", "Integration queue backlog");

    private final long seed;
    private final Instant asOf;
    private final int days;
    /** How many background services, and how many times their default ticket rates (1: the 26 of the demo). */
    private final int background;
    private final double ticketRate;

    /** The seed of the demo's history. */
    public static final long DEMO_SEED = 42;
    /** The demo's history covers the default evaluation span: twice the longest default window (90 days). */
    public static final int DEMO_DAYS = 180;

    /** The history {@code ./demandloop demo} loads: {@value #DEMO_DAYS} days ending at {@code asOf}. */
    public static DemandHistoryGenerator demo(Instant asOf) {
        return new DemandHistoryGenerator(DEMO_SEED, asOf, DEMO_DAYS);
    }

    /** A year of history ending at {@link #AS_OF}. */
    public DemandHistoryGenerator(long seed) {
        this(seed, AS_OF, DAYS);
    }

    /**
     * History of {@code days} days ending at {@code asOf} (exclusive). The planted patterns need at least the
     * evaluation's span (two longest windows, 180 days by default) to land in their tiers.
     */
    public DemandHistoryGenerator(long seed, Instant asOf, int days) {
        this(seed, asOf, days, BACKGROUND.size(), 1.0);
    }

    private DemandHistoryGenerator(long seed, Instant asOf, int days, int background, double ticketRate) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (background < 0 || !(ticketRate >= 0)) {
            throw new IllegalArgumentException("background services and ticket rate must not be negative");
        }
        this.seed = seed;
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        this.days = days;
        this.background = background;
        this.ticketRate = ticketRate;
    }

    /**
     * The demo's history at another scale, for load and timing runs: {@code services} background services (the 26 of
     * {@link #backgroundServices()}, then {@code Background 027}, ...) and their ticket rates scaled so that the whole
     * history holds about {@code tickets} tickets (within a few percent; the planted services are unchanged; 0 keeps the
     * demo's rates). The
     * default scale, 26 services and the demo's own count, gives exactly {@link #demo(Instant)}'s history.
     */
    public static DemandHistoryGenerator demoAtScale(Instant asOf, int services, int tickets) {
        DemandHistoryGenerator unscaled = new DemandHistoryGenerator(DEMO_SEED, asOf, DEMO_DAYS, services, 1.0);
        if (services == 0 || tickets <= 0) {
            return unscaled;
        }
        int total = unscaled.generate().inputs().tickets().size();
        int planted = new DemandHistoryGenerator(DEMO_SEED, asOf, DEMO_DAYS, 0, 1.0).generate().inputs().tickets().size();
        double rate = total == planted ? 1.0 : Math.max(0, tickets - planted) / (double) (total - planted);
        return new DemandHistoryGenerator(DEMO_SEED, asOf, DEMO_DAYS, services, rate);
    }

    /**
     * A planted pattern and the right answer for it.
     *
     * @param label    what was planted, in words
     * @param service  the service
     * @param pattern  the pattern key the evaluator should find
     * @param tier     the tier it should land in
     * @param criteria exactly the criteria it should cite as met, in {@link Criterion} order
     */
    public record PlantedPattern(String label, String service, String pattern, DemandTier tier,
                                 List<Criterion> criteria) {
        /** The demand record id the pattern should get. */
        public String id() {
            return DemandRecord.id(service, pattern);
        }
    }

    /**
     * One generated history.
     *
     * @param inputs  tickets, episodes, SLA breaches and problem links, ending at {@link #AS_OF}
     * @param catalog the catalog of every service, with teams and capacities
     */
    public record History(DemandInputs inputs, ServiceCatalog catalog) {

        /**
         * The generated SLA breaches ({@code inputs().slaBreaches()}) as SLA tracking records them: one ticket per
         * breach counted, its resolution breached at noon UTC of the day, so that reading them back and counting
         * breached tickets per service and day gives the generated counts.
         */
        public List<SlaBreach> trackedBreaches() {
            List<SlaBreach> breaches = new ArrayList<>();
            Map<String, Integer> perDay = new HashMap<>();
            for (SlaBreachCount count : inputs.slaBreaches()) {
                for (int i = 0; i < count.breaches(); i++) {
                    String day = count.service() + "-" + count.day();
                    int n = perDay.merge(day, 1, Integer::sum);
                    breaches.add(new SlaBreach(Ticket.key("generated", TicketKind.INCIDENT, "SLA-" + day + "-" + n),
                            SlaMetric.RESOLUTION, 0, count.service(),
                            count.day().atTime(12, 0).toInstant(ZoneOffset.UTC)));
                }
            }
            return breaches;
        }
    }

    /** The planted patterns with their right answers. */
    public static List<PlantedPattern> planted() {
        return List.of(
                new PlantedPattern("critical service with weekly outages", OUTAGES,
                        DemandId.RECURRING_INCIDENTS + "#category:network", DemandTier.INITIATIVE,
                        List.of(Criterion.CRITICAL_SERVICE, Criterion.REPEATED_DISRUPTION, Criterion.INTRODUCES_RISK)),
                new PlantedPattern("request type hammered by five departments", HAMMERED,
                        DemandId.REQUEST_DEMAND + "#category:access-request", DemandTier.PORTFOLIO_REVIEW,
                        List.of(Criterion.MANUAL_EFFORT, Criterion.UNMET_NEED)),
                new PlantedPattern("noisy but harmless alert source", NOISY, DemandId.ALERT_NOISE,
                        DemandTier.STAY_IN_SERVICE_MANAGEMENT, List.of()),
                new PlantedPattern("recurring low-priority login incidents", NAGGING,
                        DemandId.RECURRING_INCIDENTS + "#category:login", DemandTier.PROCESS_IMPROVEMENT,
                        List.of(Criterion.REPEATED_DISRUPTION)));
    }

    /**
     * The two delivered initiatives of a history ending at {@code asOf}: {@link #WORKED} (Payments' database outages,
     * which stop at its delivery) and {@link #DID_NOT_WORK} (HR Portal's login incidents, which go on), each expected
     * to cut its pattern's incidents by 30 %.
     */
    public static List<Initiative> initiatives(Instant asOf) {
        Instant delivered = asOf.minus(Duration.ofDays(DELIVERED_DAYS_BEFORE)).truncatedTo(ChronoUnit.DAYS);
        return List.of(
                Initiative.builder().source("jira").sourceId("PAY-412")
                        .title("Move the payment database to a managed cluster").services(List.of(OUTAGES))
                        .expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, ExpectedOutcome.DEFAULT_TARGET_CHANGE,
                                "category:database"))
                        .status(InitiativeStatus.DELIVERED).deliveredAt(delivered).team("payments")
                        .link("https://jira.example.com/browse/PAY-412").sourceVersion(5).sourceUpdatedAt(delivered)
                        .build(),
                Initiative.builder().source("servicenow").sourceId("PRJ0010042")
                        .title("Fix the HR portal's single sign-on").services(List.of(NAGGING))
                        .demandIds(List.of(DemandRecord.id(NAGGING, DemandId.RECURRING_INCIDENTS + "#category:login")))
                        .expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, ExpectedOutcome.DEFAULT_TARGET_CHANGE,
                                "category:login"))
                        .status(InitiativeStatus.DELIVERED).deliveredAt(delivered).team("hr-apps")
                        .link("https://itsm.example.com/pm_project/PRJ0010042").sourceVersion(3)
                        .sourceUpdatedAt(delivered).build());
    }

    /** The background services: none of them should raise a demand. */
    public static List<String> backgroundServices() {
        return BACKGROUND;
    }

    /** Generates the history; the same seed gives equal histories. */
    public History generate() {
        Builder b = new Builder(new Random(seed), asOf, days, backgroundNames(background), ticketRate);
        b.catalog();
        b.background();
        b.outages();
        b.hammered();
        b.noisy();
        b.quiet();
        b.nagging();
        b.databaseOutages();
        return new History(new DemandInputs(asOf, b.tickets, b.episodes, b.breaches, b.problemLinks),
                new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, b.entries, b.teams).validate());
    }

    private static List<String> backgroundNames(int count) {
        List<String> names = new ArrayList<>(BACKGROUND.subList(0, Math.min(count, BACKGROUND.size())));
        for (int i = BACKGROUND.size(); i < count; i++) {
            names.add(String.format(java.util.Locale.ROOT, "Background %03d", i + 1));
        }
        return names;
    }

    private static final class Builder {
        final Random random;
        final List<String> background;
        final double ticketRate;
        final List<Ticket> tickets = new ArrayList<>();
        final List<AlertEpisode> episodes = new ArrayList<>();
        final List<SlaBreachCount> breaches = new ArrayList<>();
        final Map<String, String> problemLinks = new TreeMap<>();
        final Map<String, ServiceCatalog.Entry> entries = new TreeMap<>();
        final Map<String, ServiceCatalog.Team> teams = new TreeMap<>();
        final Instant asOf;
        final int days;
        final Instant start;
        int sequence = 1000;

        Builder(Random random, Instant asOf, int days, List<String> background, double ticketRate) {
            this.random = random;
            this.background = background;
            this.ticketRate = ticketRate;
            this.asOf = asOf;
            this.days = days;
            this.start = asOf.minus(Duration.ofDays(days));
        }

        void catalog() {
            teams.put("payments", new ServiceCatalog.Team(120.0));
            teams.put("identity", new ServiceCatalog.Team(80.0));
            teams.put("platform", new ServiceCatalog.Team(200.0));
            teams.put("collaboration", new ServiceCatalog.Team(40.0));
            teams.put("hr-apps", new ServiceCatalog.Team(60.0));
            for (String team : TEAMS) {
                teams.put(team, new ServiceCatalog.Team(160.0));
            }
            entries.put(OUTAGES, new ServiceCatalog.Entry(ServiceTier.CRITICAL, "payments", "Order to cash"));
            entries.put(HAMMERED, new ServiceCatalog.Entry(ServiceTier.MEDIUM, "identity", "Workplace"));
            entries.put(NOISY, new ServiceCatalog.Entry(ServiceTier.LOW, "platform", "Operations"));
            entries.put(QUIET, new ServiceCatalog.Entry(ServiceTier.LOW, "collaboration", "Workplace"));
            entries.put(NAGGING, new ServiceCatalog.Entry(ServiceTier.HIGH, "hr-apps", "Hire to retire"));
            ServiceTier[] tiers = {ServiceTier.CRITICAL, ServiceTier.HIGH, ServiceTier.MEDIUM, ServiceTier.MEDIUM, ServiceTier.LOW};
            for (int i = 0; i < background.size(); i++) {
                entries.put(background.get(i), new ServiceCatalog.Entry(tiers[random.nextInt(tiers.length)],
                        TEAMS.get(i % TEAMS.size()), null));
            }
        }

        void background() {
            for (String service : background) {
                String prefix = service.replaceAll("[^A-Za-z]", "").toUpperCase().substring(0, 3);
                for (int day = 0; day < days; day++) {
                    if (random.nextDouble() < 0.05 * ticketRate) { // about 1.5 incidents a month
                        int priority = random.nextDouble() < 0.03 ? 2 : 3 + random.nextInt(3);
                        incident(service, prefix + "-" + (1 + random.nextInt(8)), pick(INCIDENT_CATEGORIES),
                                pick(SYMPTOMS) + " " + (random.nextInt(900) + 100), priority, at(day), hours(1, 24));
                    }
                    if (random.nextDouble() < 0.2 * ticketRate) { // about 6 requests a month
                        request(service, pick(REQUEST_CATEGORIES), pick(DEPARTMENTS), at(day), hours(2, 48),
                                15 + random.nextInt(45));
                    }
                    if (random.nextDouble() < 0.06 * ticketRate) { // about 2 changes a month, rarely failing
                        change(service, at(day), random.nextDouble() < 0.03 ? ChangeOutcome.FAILED : ChangeOutcome.SUCCESSFUL);
                    }
                    if (random.nextDouble() < 0.1) { // about 3 short alert episodes a month
                        episode(service, at(day), 1 + random.nextInt(4), random.nextDouble() < 0.05, null);
                    }
                    if (random.nextDouble() < 0.02) {
                        breaches.add(new SlaBreachCount(service, day(day), 1));
                    }
                }
            }
        }

        void outages() {
            List<String> titles = List.of("Payment gateway timeouts", "Card payments failing: gateway timeout",
                    "Checkout errors, payment gateway unreachable");
            int offset = random.nextInt(7);
            int n = 0;
            for (int day = offset; day < days; day += 7) {
                int priority = random.nextDouble() < 0.3 ? 1 : 2;
                Instant opened = at(day);
                boolean linked = n++ % 3 == 0;
                Ticket incident = incident(OUTAGES, "PAY-LB-01", "network", pick(titles), priority, opened, hours(1, 4),
                        linked ? new TicketSignals(OUTAGE_PROBLEM, null, null) : null);
                if (linked) {
                    problemLinks.put(incident.key(), OUTAGE_PROBLEM);
                }
                episode(OUTAGES, opened.minus(Duration.ofMinutes(5)), 3 + random.nextInt(5), false, incident.key());
                if (random.nextBoolean()) {
                    breaches.add(new SlaBreachCount(OUTAGES, day(day), 1));
                }
            }
            tickets.add(Ticket.builder().source("servicenow").sourceId("PRB0040001").kind(TicketKind.PROBLEM)
                    .number("PRB0040001").service(OUTAGES).configurationItem("PAY-LB-01").priority(2)
                    .state(TicketState.IN_PROGRESS).openedAt(start.plus(Duration.ofDays(40)))
                    .assignmentGroup("payments").category("network").title("Recurring payment gateway timeouts")
                    .sourceVersion(3).sourceUpdatedAt(start.plus(Duration.ofDays(41)))
                    .link(link(TicketKind.PROBLEM, "PRB0040001")).build());
            for (int day = 0; day < days; day++) {
                if (random.nextDouble() < 0.03) {
                    incident(OUTAGES, "PAY-API-0" + (1 + random.nextInt(3)), pick(List.of("software", "data", "other")),
                            pick(SYMPTOMS), 3 + random.nextInt(2), at(day), hours(1, 12));
                }
                if (random.nextDouble() < 0.05) {
                    change(OUTAGES, at(day), ChangeOutcome.SUCCESSFUL);
                }
            }
        }

        void hammered() {
            for (int day = 0; day < days; day++) {
                DayOfWeek weekday = day(day).getDayOfWeek();
                if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY) {
                    continue;
                }
                int count = 2 + random.nextInt(2);
                for (int i = 0; i < count; i++) {
                    request(HAMMERED, "access-request", pick(HAMMERING), at(day), hours(72, 200), 45 + random.nextInt(46));
                }
                if (random.nextDouble() < 0.1) {
                    request(HAMMERED, "password-reset", pick(DEPARTMENTS), at(day), hours(1, 8), 10);
                }
            }
        }

        void noisy() {
            for (int day = 0; day < days; day++) {
                int count = 6 + random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    episode(NOISY, at(day), 4 + random.nextInt(22), random.nextBoolean(), null);
                }
            }
        }

        void quiet() {
            for (int day = 0; day < days; day += 25 + random.nextInt(10)) {
                if (random.nextBoolean()) {
                    incident(QUIET, "WIKI-01", "software", pick(SYMPTOMS), 4 + random.nextInt(2), at(day), hours(4, 48));
                } else {
                    request(QUIET, "information", pick(DEPARTMENTS), at(day), hours(4, 24), 15);
                }
            }
        }

        void nagging() {
            List<String> titles = List.of("Cannot log in to HR portal", "Login page times out", "SSO login loop on HR portal");
            for (int day = 0; day < days; day++) {
                if (random.nextDouble() < 0.2) {
                    incident(NAGGING, "HRP-WEB", "login", pick(titles), 3, at(day), hours(1, 3));
                }
            }
        }

        /** Twice a week a Payments database outage, until the initiative that fixed them was delivered. */
        void databaseOutages() {
            Instant delivered = asOf.minus(Duration.ofDays(DELIVERED_DAYS_BEFORE)).truncatedTo(ChronoUnit.DAYS);
            List<String> titles = List.of("Payment database failover", "Database connection pool exhausted",
                    "Payment ledger writes time out");
            for (int day = 0; day < days; day++) {
                Instant opened = at(day);
                if ((day % 7 == 1 || day % 7 == 4) && opened.isBefore(delivered)) {
                    incident(OUTAGES, "PAY-DB-01", "database", pick(titles), random.nextDouble() < 0.5 ? 2 : 3, opened,
                            hours(1, 6));
                }
            }
        }

        // ---- records ---------------------------------------------------------------------------------------

        Ticket incident(String service, String ci, String category, String title, int priority, Instant opened,
                        Duration toResolve) {
            return incident(service, ci, category, title, priority, opened, toResolve, null);
        }

        Ticket incident(String service, String ci, String category, String title, int priority, Instant opened,
                        Duration toResolve, TicketSignals signals) {
            String number = "INC" + (++sequence);
            Integer effort = random.nextDouble() < 0.7 ? (int) Math.min(toResolve.toMinutes(), 30L * priority + random.nextInt(240)) : null;
            return add(Ticket.builder().source("servicenow").sourceId(number).kind(TicketKind.INCIDENT).number(number)
                    .service(service).configurationItem(ci).priority(priority).state(stateAt(opened, toResolve))
                    .openedAt(opened).resolvedAt(resolved(opened, toResolve)).department(pick(DEPARTMENTS))
                    .assignmentGroup(teamOf(service)).effortMinutes(effort).category(category).title(title)
                    .sourceVersion(2).sourceUpdatedAt(opened.plus(Duration.ofMinutes(5)))
                    .link(link(TicketKind.INCIDENT, number)).signals(signals).build());
        }

        void request(String service, String category, String department, Instant opened, Duration toFulfil, int effort) {
            String number = "RITM" + (++sequence);
            add(Ticket.builder().source("servicenow").sourceId(number).kind(TicketKind.REQUEST).number(number)
                    .service(service).priority(4).state(stateAt(opened, toFulfil)).openedAt(opened)
                    .resolvedAt(resolved(opened, toFulfil)).department(department).assignmentGroup(teamOf(service))
                    .effortMinutes(effort).category(category).title("Request: " + category).sourceVersion(2)
                    .sourceUpdatedAt(opened.plus(Duration.ofMinutes(5))).link(link(TicketKind.REQUEST, number))
                    .build());
        }

        void change(String service, Instant opened, ChangeOutcome outcome) {
            String number = "CHG" + (++sequence);
            Instant plannedStart = opened.plus(Duration.ofDays(2));
            boolean done = plannedStart.isBefore(asOf);
            add(Ticket.builder().source("servicenow").sourceId(number).kind(TicketKind.CHANGE).number(number)
                    .service(service).priority(4).state(done ? TicketState.CLOSED : TicketState.OPEN).openedAt(opened)
                    .closedAt(done ? plannedStart.plus(Duration.ofHours(2)) : null).assignmentGroup(teamOf(service))
                    .effortMinutes(60 + random.nextInt(120)).category("maintenance").title("Planned change")
                    .sourceVersion(2).sourceUpdatedAt(opened.plus(Duration.ofMinutes(5)))
                    .link(link(TicketKind.CHANGE, number))
                    .change(new ChangeDetails(done ? outcome : null, plannedStart,
                            plannedStart.plus(Duration.ofHours(2))))
                    .build());
        }

        void episode(String service, Instant start, int alerts, boolean flapping, String linkedIncident) {
            Instant lastStart = start.plus(Duration.ofMinutes(random.nextInt(10)));
            String fingerprint = Long.toHexString(service.hashCode() & 0xffffffL) + "-" + random.nextInt(5);
            episodes.add(new AlertEpisode(service, start, lastStart, lastStart.plus(Duration.ofMinutes(15)),
                    AlertStatus.RESOLVED, Severity.WARNING, alerts, 0, 1, flapping,
                    flapping ? List.of(fingerprint) : List.of(), "alertmanager#" + fingerprint, linkedIncident));
        }

        Ticket add(Ticket ticket) {
            tickets.add(ticket);
            return ticket;
        }

        TicketState stateAt(Instant opened, Duration toFinish) {
            return opened.plus(toFinish).isBefore(asOf) ? TicketState.CLOSED : TicketState.OPEN;
        }

        Instant resolved(Instant opened, Duration toFinish) {
            Instant at = opened.plus(toFinish);
            return at.isBefore(asOf) ? at : null;
        }

        String teamOf(String service) {
            ServiceCatalog.Entry entry = entries.get(service);
            return entry == null ? null : entry.team();
        }

        Instant at(int day) {
            return start.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(24 * 60)));
        }

        LocalDate day(int day) {
            return start.plus(Duration.ofDays(day)).atZone(ZoneOffset.UTC).toLocalDate();
        }

        Duration hours(int min, int max) {
            return Duration.ofMinutes(60L * min + random.nextInt(60 * (max - min) + 1));
        }

        <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        static String link(TicketKind kind, String number) {
            return "https://itsm.example.com/" + kind.wireName() + "/" + number;
        }
    }
}
