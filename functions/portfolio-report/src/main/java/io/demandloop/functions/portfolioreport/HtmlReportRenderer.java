package io.demandloop.functions.portfolioreport;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import io.demandloop.functions.portfolioreport.model.DemandEntry;
import io.demandloop.functions.portfolioreport.model.Headline;
import io.demandloop.functions.portfolioreport.model.InitiativeEntry;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import io.demandloop.functions.portfolioreport.model.SupportLoad;
import java.util.Locale;

/**
 * {@code portfolio.html}: one self-contained page a portfolio manager reads in a minute. A minimal string-built page
 * kept until the jte templates (issue 12's HTML half) replace it: the summary, the headline, the demands ranked, the
 * incidents by service, SLA compliance, support load and measured outcomes.
 *
 * <p>Service names are text from ticket tools, so the page treats every value as hostile: each one goes
 * through {@link #escape(String)}, there is no script and no external resource, and a Content-Security-Policy
 * allows nothing but the inline style sheet (the chart is inline SVG, not a loaded image).
 */
final class HtmlReportRenderer implements ReportRenderer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /** The chart shows the first services in report order; the table always lists all of them. */
    static final int CHART_LIMIT = 20;

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static final String OPENED_COLOUR = "#9fb3c8";
    private static final String OPEN_COLOUR = "#d64545";
    private static final int CHART_WIDTH = 760;
    private static final int LABEL_WIDTH = 220;
    private static final int BAR_X = LABEL_WIDTH + 10;
    private static final int BAR_MAX_WIDTH = 450;
    private static final int LEGEND_HEIGHT = 30;
    private static final int ROW_HEIGHT = 34;
    private static final int BAR_HEIGHT = 12;
    private static final int LABEL_MAX_CHARS = 30;

    private static final String STYLE = String.join("\n",
            "*{box-sizing:border-box}",
            "body{margin:0;background:#f4f6f8;color:#1f2933;font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,"
                    + "\"Helvetica Neue\",Arial,sans-serif}",
            "main{max-width:960px;margin:0 auto;padding:32px 24px 48px}",
            ".eyebrow{margin:0;color:#627d98;font-size:13px;letter-spacing:.06em;text-transform:uppercase}",
            "h1{margin:4px 0;font-size:28px;line-height:1.2}",
            "h2{margin:0 0 12px;font-size:18px}",
            ".meta{margin:0;color:#52606d}",
            ".headline{margin:24px 0;padding:16px 20px;background:#fff;border-left:4px solid #2f6fde;border-radius:4px;"
                    + "font-size:19px;font-weight:600;box-shadow:0 1px 2px rgba(0,0,0,.08)}",
            ".tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:0 0 24px}",
            ".tile{background:#fff;border-radius:6px;padding:12px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08)}",
            ".tile .value{display:block;font-size:26px;font-weight:700;font-variant-numeric:tabular-nums}",
            ".tile .label{color:#52606d;font-size:13px}",
            ".tile.open .value{color:#c62828}",
            ".card{background:#fff;border-radius:6px;padding:20px;margin:0 0 24px;box-shadow:0 1px 2px rgba(0,0,0,.08)}",
            ".empty{text-align:center;color:#52606d}",
            "svg.chart{display:block;width:100%;max-width:" + CHART_WIDTH + "px;height:auto}",
            "svg.chart text{font-size:12px;fill:#334e68}",
            ".note{margin:8px 0 0;color:#52606d;font-size:13px}",
            "table{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}",
            "th,td{padding:8px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}",
            "thead th{font-size:13px;color:#52606d;font-weight:600}",
            ".num{text-align:right}",
            "tbody tr:nth-child(even){background:#f9fafb}",
            "tfoot th,tfoot td{font-weight:700;border-top:2px solid #cbd2d9;border-bottom:none}",
            "td.attention{color:#c62828;font-weight:600}",
            "td.service,th.service{overflow-wrap:anywhere}",
            "tr.team th,tr.team td{font-weight:600}",
            "tr.flagged{background:#fdecea}",
            "td.sub{padding-left:28px}",
            "tr.group th{color:#52606d;font-weight:600}",
            "footer{color:#52606d;font-size:13px}",
            "@media (max-width:640px){.tiles{grid-template-columns:repeat(2,1fr)}}",
            "@media print{body{background:#fff}.card,.headline,.tile{box-shadow:none;border:1px solid #e4e7eb}}");

    @Override
    public String fileName() {
        return "portfolio.html";
    }

    @Override
    public String contentType() {
        return "text/html; charset=utf-8";
    }

    @Override
    public byte[] render(PortfolioReport report) {
        StringBuilder html = new StringBuilder(8192);
        PortfolioReport.Window window = report.window();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(escape(CONTENT_SECURITY_POLICY)).append("\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Portfolio report, ").append(escape(DATE.format(report.asOf()))).append("</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n")
                .append("</head>\n<body>\n<main>\n");

        html.append("<header>\n<p class=\"eyebrow\">demandloop portfolio report</p>\n")
                .append("<h1>Portfolio report</h1>\n")
                .append("<p class=\"meta\">As of <time datetime=\"").append(escape(report.asOf().toString())).append("\">")
                .append(escape(DATE_TIME.format(report.asOf()))).append("</time>. Incidents opened from ")
                .append(escape(DATE.format(window.from()))).append(" to ").append(escape(DATE.format(window.to())))
                .append(" (").append(escape(plural(window.days(), "day"))).append(").</p>\n</header>\n");

        html.append("<p class=\"headline\">").append(escape(report.summary())).append("</p>\n");
        appendHeadline(html, report.headline());
        appendDemands(html, report.demands());

        List<ServiceHealth.ServiceLine> withIncidents = report.services().services().stream()
                .filter(s -> s.incidents() > 0).toList();
        if (withIncidents.isEmpty()) {
            html.append("<section class=\"card empty\">\n<h2>No incidents</h2>\n<p>No incident was opened between ")
                    .append(escape(DATE_TIME.format(window.from()))).append(" and ")
                    .append(escape(DATE_TIME.format(window.to())))
                    .append(", so there is nothing to chart.</p>\n</section>\n");
        } else {
            Totals totals = Totals.of(withIncidents);
            appendTiles(html, totals);
            appendChart(html, withIncidents);
            appendTable(html, withIncidents, totals);
            appendSlaTable(html, report.services().sla());
        }
        appendSupportLoad(html, report);
        appendOutcomes(html, report.initiatives());

        html.append("<footer>\n<p><strong>How to read this.</strong> Opened: incidents opened in the window. ")
                .append("Still open: of those, not resolved, closed or cancelled at the as-of time. ")
                .append("Resolved: resolved or closed by then. Cancelled: cancelled by then. ")
                .append("Opened = still open + resolved + cancelled. ")
                .append("SLA: of those incidents, how many met their response or resolution target, breached it ")
                .append("(whether resolved since or not) or are still within it. ")
                .append("Support load: hours per week of the incidents, requests and changes opened in the snapshot's ")
                .append("window (recorded effort, else the configured defaults), against the team's configured capacity; ")
                .append("the share is the part of the capacity that unplanned work takes.</p>\n")
                .append("<p>The same numbers are in portfolio.json (schema version ")
                .append(report.schemaVersion()).append("), portfolio-demands.csv, portfolio-initiatives.csv, portfolio-services.csv, ")
                .append("portfolio-sla.csv, portfolio-capacity.csv and portfolio-data-quality.csv ")
                .append("next to this page.</p>\n")
                .append("</footer>\n</main>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sums over the services with incidents: opened = open + resolved + cancelled. */
    record Totals(int services, int opened, int open, int resolved, int cancelled) {
        static Totals of(List<ServiceHealth.ServiceLine> lines) {
            int opened = 0;
            int open = 0;
            int resolved = 0;
            int cancelled = 0;
            for (ServiceHealth.ServiceLine line : lines) {
                opened += line.incidents();
                open += line.openIncidents();
                resolved += line.resolvedIncidents();
                cancelled += line.cancelledIncidents();
            }
            return new Totals(lines.size(), opened, open, resolved, cancelled);
        }
    }

    /** The headline: one item per thing to decide, linking down to its entry. */
    private static void appendHeadline(StringBuilder html, Headline headline) {
        if (headline.items().isEmpty()) {
            return;
        }
        html.append("<section class=\"card\">\n<h2>Needs a decision</h2>\n<ul>\n");
        for (Headline.Item item : headline.items()) {
            html.append("<li><a href=\"#").append(escape(item.anchor())).append("\">").append(escape(item.sentence()))
                    .append("</a></li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    /** The demands ranked: a minimal table. */
    private static void appendDemands(StringBuilder html, List<DemandEntry> demands) {
        if (demands.isEmpty()) {
            return;
        }
        html.append("<section class=\"card\" id=\"demands\">\n<h2>Demand ranked</h2>\n<table>\n<thead><tr>")
                .append("<th scope=\"col\" class=\"num\">#</th><th scope=\"col\">Demand</th><th scope=\"col\">Tier</th>")
                .append("<th scope=\"col\" class=\"num\">Score</th><th scope=\"col\" class=\"num\">WSJF</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
        for (DemandEntry demand : demands) {
            html.append("<tr id=\"").append(escape(demand.anchor())).append("\"><td class=\"num\">").append(demand.rank())
                    .append("</td><td class=\"service\">").append(escape(demand.service())).append(": ")
                    .append(escape(demand.pattern())).append("</td><td>").append(escape(demand.tier()))
                    .append("</td><td class=\"num\">").append(escape(Double.toString(demand.score())))
                    .append("</td><td class=\"num\">").append(escape(Double.toString(demand.wsjf())))
                    .append("</td><td>").append(escape(demand.status().status())).append("</td><td>");
            for (int i = 0; i < demand.evidence().size(); i++) {
                DemandEntry.EvidenceTicket ticket = demand.evidence().get(i);
                String label = ticket.number() == null ? ticket.key() : ticket.number();
                html.append(i == 0 ? "" : ", ");
                if (ticket.link() == null) {
                    html.append(escape(label));
                } else {
                    html.append("<a href=\"").append(escape(ticket.link())).append("\">").append(escape(label)).append("</a>");
                }
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void appendTiles(StringBuilder html, Totals totals) {
        html.append("<section class=\"tiles\" aria-label=\"Totals\">\n");
        appendTile(html, "", totals.opened(), "opened");
        appendTile(html, " open", totals.open(), "still open");
        appendTile(html, "", totals.resolved(), "resolved");
        appendTile(html, "", totals.cancelled(), "cancelled");
        html.append("</section>\n");
    }

    private static void appendTile(StringBuilder html, String extraClass, int value, String label) {
        html.append("<div class=\"tile").append(extraClass).append("\"><span class=\"value\">")
                .append(escape(count(value))).append("</span><span class=\"label\">")
                .append(escape(label)).append("</span></div>\n");
    }

    /** A horizontal bar chart, two bars per service: opened, and still open, on one scale. */
    private static void appendChart(StringBuilder html, List<ServiceHealth.ServiceLine> all) {
        List<ServiceHealth.ServiceLine> shown = all.subList(0, Math.min(CHART_LIMIT, all.size()));
        int max = 1;
        for (ServiceHealth.ServiceLine service : shown) {
            max = Math.max(max, service.incidents());
        }
        int height = LEGEND_HEIGHT + shown.size() * ROW_HEIGHT;
        html.append("<section class=\"card\">\n<h2>Opened and still open, by service</h2>\n")
                .append("<svg class=\"chart\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(height)
                .append("\" width=\"").append(CHART_WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"Incidents opened and still open, by service\">\n");
        html.append("<rect x=\"").append(BAR_X).append("\" y=\"4\" width=\"12\" height=\"12\" fill=\"")
                .append(OPENED_COLOUR).append("\"/><text x=\"").append(BAR_X + 18).append("\" y=\"14\">Opened</text>\n")
                .append("<rect x=\"").append(BAR_X + 90).append("\" y=\"4\" width=\"12\" height=\"12\" fill=\"")
                .append(OPEN_COLOUR).append("\"/><text x=\"").append(BAR_X + 108).append("\" y=\"14\">Still open</text>\n");
        int top = LEGEND_HEIGHT;
        for (ServiceHealth.ServiceLine service : shown) {
            Totals incidents = Totals.of(List.of(service));
            int openedWidth = barWidth(incidents.opened(), max);
            int openWidth = barWidth(incidents.open(), max);
            html.append("<g>\n<title>").append(escape(service.service())).append(": ")
                    .append(escape(count(incidents.opened()))).append(" opened, ")
                    .append(escape(count(incidents.open()))).append(" still open</title>\n")
                    .append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(top + 17)
                    .append("\" text-anchor=\"end\">").append(escape(truncate(service.service(), LABEL_MAX_CHARS)))
                    .append("</text>\n");
            appendBar(html, top, openedWidth, OPENED_COLOUR, incidents.opened());
            appendBar(html, top + BAR_HEIGHT + 2, openWidth, OPEN_COLOUR, incidents.open());
            html.append("</g>\n");
            top += ROW_HEIGHT;
        }
        html.append("</svg>\n");
        if (shown.size() < all.size()) {
            html.append("<p class=\"note\">The ").append(shown.size()).append(" services with the most open incidents, of ")
                    .append(escape(count(all.size()))).append("; the table lists every service.</p>\n");
        }
        html.append("</section>\n");
    }

    private static void appendBar(StringBuilder html, int y, int width, String colour, int value) {
        html.append("<rect x=\"").append(BAR_X).append("\" y=\"").append(y).append("\" width=\"").append(width)
                .append("\" height=\"").append(BAR_HEIGHT).append("\" rx=\"2\" fill=\"").append(colour).append("\"/>")
                .append("<text x=\"").append(BAR_X + width + 6).append("\" y=\"").append(y + 10).append("\">")
                .append(escape(count(value))).append("</text>\n");
    }

    /** Integer arithmetic, so that the same numbers always give the same bytes; a non-zero value stays visible. */
    static int barWidth(int value, int max) {
        if (value <= 0) {
            return 0;
        }
        return Math.max(2, (int) ((long) value * BAR_MAX_WIDTH / max));
    }

    private static void appendTable(StringBuilder html, List<ServiceHealth.ServiceLine> services, Totals totals) {
        html.append("<section class=\"card\">\n<h2>By service</h2>\n<table>\n<thead><tr>")
                .append("<th scope=\"col\" class=\"service\">Service</th><th scope=\"col\" class=\"num\">Opened</th>")
                .append("<th scope=\"col\" class=\"num\">Still open</th><th scope=\"col\" class=\"num\">Resolved</th>")
                .append("<th scope=\"col\" class=\"num\">Cancelled</th></tr></thead>\n<tbody>\n");
        for (ServiceHealth.ServiceLine service : services) {
            html.append("<tr id=\"").append(escape(service.anchor())).append("\"><td class=\"service\">").append(escape(service.service())).append("</td>");
            appendCounts(html, Totals.of(List.of(service)));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n<tfoot><tr><th scope=\"row\">All ")
                .append(escape(plural(totals.services(), "service"))).append("</th>");
        appendCounts(html, totals);
        html.append("</tr></tfoot>\n</table>\n</section>\n");
    }

    private static void appendSlaTable(StringBuilder html, List<ServiceHealth.SlaCompliance> rows) {
        if (rows.isEmpty()) {
            return;
        }
        html.append("<section class=\"card\">\n<h2>SLA compliance by service and priority</h2>\n<table>\n<thead><tr>")
                .append("<th scope=\"col\" class=\"service\">Service</th><th scope=\"col\" class=\"num\">Priority</th>")
                .append("<th scope=\"col\">Target</th><th scope=\"col\" class=\"num\">Met</th>")
                .append("<th scope=\"col\" class=\"num\">Breached</th><th scope=\"col\" class=\"num\">In progress</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (ServiceHealth.SlaCompliance row : rows) {
            html.append("<tr><td class=\"service\">").append(escape(row.service())).append("</td>")
                    .append("<td class=\"num\">P").append(row.priority()).append("</td>")
                    .append("<td>").append(escape(row.metric())).append("</td>");
            appendCount(html, row.met(), false);
            appendCount(html, row.breached(), row.breached() > 0);
            appendCount(html, row.inProgress(), false);
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    /** The section "Support load against team capacity", from the report's capacity snapshot, or why there is none. */
    private static void appendSupportLoad(StringBuilder html, PortfolioReport report) {
        html.append("<section class=\"card\">\n<h2>Support load against team capacity</h2>\n");
        SupportLoad load = report.capacity();
        if (load == null) {
            html.append("<p class=\"empty\">No capacity snapshot was kept at or before ")
                    .append(escape(DATE_TIME.format(report.asOf())))
                    .append(": the nightly demand evaluation keeps the support load of each team, and this section ")
                    .append("shows it after its next run.</p>\n</section>\n");
            return;
        }
        html.append("<p class=\"meta\">Hours per week of incidents, requests and changes opened from ")
                .append(escape(DATE.format(load.window().from()))).append(" to ")
                .append(escape(DATE_TIME.format(load.window().to()))).append(" (").append(escape(load.window().name()))
                .append("), against each team&#39;s capacity. A team whose support load takes ")
                .append(escape(percent(load.flagShare()))).append(" of its capacity or more is flagged.");
        long staleDays = java.time.Duration.between(load.asOf(), report.asOf()).toDays();
        if (staleDays >= 1) {
            html.append(" This snapshot is ").append(escape(plural((int) staleDays, "day")))
                    .append(" older than the report: the nightly evaluation has not kept a newer snapshot.");
        }
        html.append("</p>\n");
        if (load.teams().isEmpty() && load.withoutTeam().isEmpty()) {
            html.append("<p class=\"empty\">No team is configured and no service had support load in the window.</p>\n")
                    .append("</section>\n");
            return;
        }
        html.append("<table>\n<thead><tr><th scope=\"col\" class=\"service\">Team / service</th>")
                .append("<th scope=\"col\" class=\"num\">Capacity h/week</th>")
                .append("<th scope=\"col\" class=\"num\">Support h/week</th>")
                .append("<th scope=\"col\" class=\"num\">Incidents</th><th scope=\"col\" class=\"num\">Requests</th>")
                .append("<th scope=\"col\" class=\"num\">Changes</th>")
                .append("<th scope=\"col\" class=\"num\">Share of capacity</th></tr></thead>\n<tbody>\n");
        for (SupportLoad.TeamSupport team : load.teams()) {
            html.append("<tr id=\"").append(escape(team.anchor())).append("\" class=\"team").append(team.flagged() ? " flagged" : "").append("\"><th scope=\"row\" class=\"service\">")
                    .append(escape(team.team())).append("</th><td class=\"num\">")
                    .append(team.capacityHoursPerWeek() == null ? "&#8211;" : escape(hours(team.capacityHoursPerWeek())))
                    .append("</td>");
            appendLoad(html, team.hoursPerWeek());
            html.append("<td class=\"num").append(team.flagged() ? " attention" : "").append("\">")
                    .append(team.share() == null ? "&#8211;" : escape(percent(team.share())));
            if (team.share() != null && team.share() >= 1) {
                html.append(", over capacity");
            } else if (team.flagged()) {
                html.append(", flagged");
            }
            html.append("</td></tr>\n");
            for (io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad service : team.services()) {
                appendServiceLoad(html, service);
            }
        }
        if (!load.withoutTeam().isEmpty()) {
            html.append("<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"7\">")
                    .append(load.teams().isEmpty() ? "No team is configured (services.teams), so these services have no share"
                            : "Services no team owns (no share)")
                    .append("</th></tr>\n");
            for (io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad service : load.withoutTeam()) {
                appendServiceLoad(html, service);
            }
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void appendServiceLoad(StringBuilder html, io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad service) {
        html.append("<tr><td class=\"service sub\">").append(escape(service.service())).append("</td><td class=\"num\"></td>");
        appendLoad(html, service.hoursPerWeek());
        html.append("<td class=\"num\">").append(service.share() == null ? "&#8211;" : escape(percent(service.share())))
                .append("</td></tr>\n");
    }

    private static void appendLoad(StringBuilder html, io.demandloop.shared.demand.CapacitySnapshot.Load load) {
        for (double value : new double[] {load.total(), load.incidents(), load.requests(), load.changes()}) {
            html.append("<td class=\"num\">").append(escape(hours(value))).append("</td>");
        }
    }

    private static String hours(double value) {
        return String.format(Locale.ENGLISH, "%,.1f", value);
    }

    /** A share as a percentage, e.g. {@code 52.5 %}. */
    static String percent(double share) {
        return String.format(Locale.ENGLISH, "%,.1f %%", 100 * share);
    }

    private static void appendCounts(StringBuilder html, Totals incidents) {
        appendCount(html, incidents.opened(), false);
        appendCount(html, incidents.open(), incidents.open() > 0);
        appendCount(html, incidents.resolved(), false);
        appendCount(html, incidents.cancelled(), false);
    }

    private static void appendCount(StringBuilder html, int value, boolean attention) {
        html.append("<td class=\"num").append(attention ? " attention" : "").append("\">")
                .append(escape(count(value))).append("</td>");
    }

    /**
     * The section "Measured outcomes": one row per initiative, its verdict and sentence (a minimal table; the layout of
     * outcomes in the report is a later issue's).
     */
    private static void appendOutcomes(StringBuilder html, List<InitiativeEntry> initiatives) {
        List<InitiativeEntry> measured = initiatives.stream().filter(i -> i.outcome() != null).toList();
        if (measured.isEmpty()) {
            return;
        }
        html.append("<section class=\"card\">\n<h2>Measured outcomes</h2>\n")
                .append("<table>\n<thead><tr><th scope=\"col\">Initiative</th><th scope=\"col\">Services</th>")
                .append("<th scope=\"col\">Verdict</th><th scope=\"col\">What changed</th></tr></thead>\n<tbody>\n");
        for (InitiativeEntry initiative : measured) {
            html.append("<tr id=\"").append(escape(initiative.anchor())).append("\"><td>").append(escape(initiative.title()))
                    .append(" (").append(escape(initiative.id()))
                    .append(")</td><td>").append(escape(String.join(", ", initiative.services())))
                    .append("</td><td>").append(escape(initiative.outcome().verdict()))
                    .append("</td><td>").append(escape(initiative.outcome().sentence())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    /**
     * Escapes text for HTML element content and quoted attribute values alike: {@code & < > " '}. Control
     * characters other than tab, CR and LF have no business in a page and become U+FFFD.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\t', '\n', '\r' -> out.append(c);
                default -> out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** Shortens to {@code max} code points (never splitting a surrogate pair), marking the cut with an ellipsis. */
    static String truncate(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "\u2026";
    }

    private static String count(int value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    private static String plural(int value, String noun) {
        return count(value) + " " + noun + (value == 1 ? "" : "s");
    }
}
