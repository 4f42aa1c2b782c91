package io.demandloop.functions.portfolioreport.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;

/**
 * The precompiled jte templates of {@code src/main/jte}, content type HTML: every {@code ${…}} is escaped for the
 * context it stands in (text, attribute), and no template writes data with {@code $unsafe}.
 *
 * <p>The templates are classes in this jar (package {@value #PACKAGE}, compiled by the jte Maven plugin at build time),
 * so no compiler runs at start. jte loads them through the thread's context class loader as it is when the engine is
 * built; that loader is this class's own while the engine is built, so the templates are found wherever the jar is
 * loaded (Lambda, the local runtime's class loader per function, a test, a benchmark).
 */
final class ReportTemplates {

    /** The package the jte plugin compiles the templates into (functions/portfolio-report/pom.xml). */
    static final String PACKAGE = "io.demandloop.functions.portfolioreport.jte";

    private static final TemplateEngine ENGINE = createEngine();

    private ReportTemplates() {
    }

    private static TemplateEngine createEngine() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ReportTemplates.class.getClassLoader());
        try {
            return TemplateEngine.createPrecompiled(null, ContentType.Html, null, PACKAGE);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * The template {@code name} (e.g. {@code portfolio.jte}) rendered with its one parameter, as UTF-8. Control
     * characters a ticket carried (which jte's escaping leaves, and which HTML does not allow) become U+FFFD.
     */
    static byte[] render(String name, Object param) {
        StringOutput output = new StringOutput(64 * 1024);
        ENGINE.render(name, param, output);
        return withoutControlCharacters(output.toString()).getBytes(StandardCharsets.UTF_8);
    }

    /** C0 controls other than tab, line feed and carriage return, and DEL, as U+FFFD. */
    static String withoutControlCharacters(String html) {
        char[] chars = null;
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                if (chars == null) {
                    chars = html.toCharArray();
                }
                chars[i] = '\uFFFD';
            }
        }
        return chars == null ? html : new String(chars);
    }
}
