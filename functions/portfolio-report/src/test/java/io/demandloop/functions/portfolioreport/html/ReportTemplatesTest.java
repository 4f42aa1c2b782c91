package io.demandloop.functions.portfolioreport.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import gg.jte.TemplateEngine;
import io.demandloop.shared.demand.CapacitySnapshot;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportTemplatesTest {

    /**
     * As the local runtime and Lambda load the function: its classes in a class loader of their own, and a context
     * class loader that knows nothing of them. jte finds precompiled templates through the context class loader, so
     * this fails unless ReportTemplates builds its engine with its own loader as the context.
     */
    @Test
    void render_shouldFindThePrecompiledTemplates_whenLoadedInItsOwnClassLoaderUnderAForeignContextLoader() throws Exception {
        // GIVEN
        URL[] classpath = {location(HtmlReport.class), location(TemplateEngine.class), location(CapacitySnapshot.class),
                location(JsonPropertyOrder.class)};
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader function = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader());
             URLClassLoader foreign = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(foreign);
            Class<?> index = Class.forName("io.demandloop.functions.portfolioreport.model.ReportIndex", true, function);
            Class<?> html = Class.forName(HtmlReport.class.getName(), true, function);
            assertThat(html).isNotSameAs(HtmlReport.class);

            // WHEN
            byte[] page = (byte[]) html.getMethod("index", index).invoke(null, index.getMethod("empty").invoke(null));

            // THEN
            assertThat(new String(page, StandardCharsets.UTF_8)).contains("<h1>Portfolio reports</h1>",
                    "No report has been published yet.");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
