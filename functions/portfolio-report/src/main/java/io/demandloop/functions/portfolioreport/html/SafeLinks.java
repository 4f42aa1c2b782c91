package io.demandloop.functions.portfolioreport.html;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which URLs the report may put in an {@code href}. jte escapes an attribute, but an escaped {@code javascript:} URL
 * is still a script URL: a link from a ticket tool is kept only when it is an absolute http or https URL with a host;
 * anything else is shown as text, not as a link.
 */
final class SafeLinks {

    /** The folder of one report under {@code reports/}, as the history writes it: {@code 2026/12/07/}. */
    private static final Pattern REPORT_FOLDER = Pattern.compile("\\d{4}/\\d{2}/\\d{2}/");

    private SafeLinks() {
    }

    /** {@code url} when it is an absolute http(s) URL with a host; else null (the template then writes no link). */
    static String external(String url) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            return null;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            // Browsers drop tabs and newlines inside a scheme ("java\tscript:"); refuse them and every other control.
            if (c <= 0x20 || c == 0x7f) {
                return null;
            }
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || uri.getHost().isEmpty()) {
                return null;
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals("https") || lower.equals("http") ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The relative link from {@code reports/index.html} to one report's page, or null for a folder of another shape. */
    static String reportPage(String folder) {
        return folder != null && REPORT_FOLDER.matcher(folder).matches() ? folder + "portfolio.html" : null;
    }
}
