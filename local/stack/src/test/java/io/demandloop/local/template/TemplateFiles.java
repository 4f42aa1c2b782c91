package io.demandloop.local.template;

import java.net.URISyntaxException;
import java.nio.file.Files;
import io.demandloop.local.servers.ProjectRoot;
import java.nio.file.Path;

/** Locates the project's {@code template.yaml} and the test fixture templates. */
public final class TemplateFiles {

    private TemplateFiles() {
    }

    /** The project root, found as the local stack finds it. */
    public static Path projectRoot() {
        return ProjectRoot.locate();
    }

    /** The real template, read as the local stack reads it, with no host environment. */
    public static SamTemplate projectTemplate() {
        return SamTemplate.load(projectRoot().resolve("template.yaml"), "demandloop", java.util.Map.of());
    }

    /** A test resource by its classpath name, e.g. {@code template/bad-intrinsic.yaml}. */
    public static Path resource(String name) {
        try {
            var url = TemplateFiles.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
