package io.demandloop.functions.portfolioreport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The links to a ticket's page in its own tool, as the report shows them. The sources build them (ServiceNow from the
 * configured instance URL and the number, Jira from the issue's {@code self} turned into its browse URL); the report
 * keeps only absolute {@code https} or {@code http} URLs with a host, so that nothing a payload carries becomes a
 * {@code javascript:} or {@code data:} link.
 */
final class TicketLinks {

    private TicketLinks() {
    }

    /** The link if it is an absolute http(s) URL with a host; else null. */
    static String browsable(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(link.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // not a URL: no link
        }
        return null;
    }
}
