package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** When the browser tier skips and when it fails, without starting a browser. */
class HeadlessChromiumTest {

    private static final String[] PROPERTIES = {HeadlessChromium.REQUIRED_PROPERTY, HeadlessChromium.BROWSER_PROPERTY,
            HeadlessChromium.DRIVER_PROPERTY};
    private final Map<String, String> saved = new java.util.HashMap<>();

    {
        for (String property : PROPERTIES) {
            saved.put(property, System.getProperty(property));
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }

    @Test
    void startOrSkip_shouldAbortTheTestNamingTheMissingBrowser_whenNotRequired(@TempDir Path dir) {
        // GIVEN no browser where the tier looks, and the tier not required
        System.setProperty(HeadlessChromium.BROWSER_PROPERTY, dir.resolve("chromium").toString());
        System.setProperty(HeadlessChromium.REQUIRED_PROPERTY, "false");

        // WHEN / THEN the class is skipped (an aborted assumption), saying what is missing and how to install it
        assertThatThrownBy(() -> HeadlessChromium.startOrSkip("SomeIT"))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SomeIT: no Chromium at " + dir.resolve("chromium"))
                .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void startOrSkip_shouldFailNamingTheMissingDriver_whenRequired(@TempDir Path dir) throws Exception {
        // GIVEN an executable where the browser is looked for, no driver, and the tier required (as in CI)
        Path browser = Files.createFile(dir.resolve("chromium"));
        assertThat(browser.toFile().setExecutable(true)).isTrue();
        System.setProperty(HeadlessChromium.BROWSER_PROPERTY, browser.toString());
        System.setProperty(HeadlessChromium.DRIVER_PROPERTY, dir.resolve("chromedriver").toString());
        System.setProperty(HeadlessChromium.REQUIRED_PROPERTY, "true");

        // WHEN / THEN it fails instead of skipping, naming the driver
        assertThatThrownBy(() -> HeadlessChromium.startOrSkip("SomeIT"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no chromedriver at " + dir.resolve("chromedriver"))
                .hasMessageContaining("fails instead of skipping");
    }

    @Test
    void required_shouldFollowTheProperty_overTheEnvironment() {
        // GIVEN / WHEN / THEN the property decides either way, whatever CI says
        System.setProperty(HeadlessChromium.REQUIRED_PROPERTY, "true");
        assertThat(HeadlessChromium.required()).isTrue();
        System.setProperty(HeadlessChromium.REQUIRED_PROPERTY, "false");
        assertThat(HeadlessChromium.required()).isFalse();
        // and without it, CI=true makes it required
        System.clearProperty(HeadlessChromium.REQUIRED_PROPERTY);
        assertThat(HeadlessChromium.required()).isEqualTo("true".equalsIgnoreCase(System.getenv().getOrDefault("CI", "").trim()));
    }
}
