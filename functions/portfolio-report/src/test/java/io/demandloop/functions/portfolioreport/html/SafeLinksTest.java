package io.demandloop.functions.portfolioreport.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeLinksTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://acme.service-now.com/incident.do?sys_id=1", "http://jira.local:8080/browse/OPS-1",
            "HTTPS://EXAMPLE.ATLASSIAN.NET/browse/X-1"})
    void external_shouldKeepTheUrl_whenAbsoluteHttpWithAHost(String url) {
        assertThat(SafeLinks.external(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
            "//evil.example/x", "/relative/path", "https:no-host", "https://", "file:///etc/passwd", "", " ",
            "https://exa mple.com/"})
    void external_shouldRefuse_whenNotAnAbsoluteHttpUrlWithAHost(String url) {
        assertThat(SafeLinks.external(url)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026/12/07/"})
    void reportPage_shouldLinkThePortfolioPage_whenTheFolderIsADate(String folder) {
        assertThat(SafeLinks.reportPage(folder)).isEqualTo(folder + "portfolio.html");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)//", "../secrets/", "2026/12/07", "https://evil.example/", "2026/12/07/../"})
    void reportPage_shouldRefuse_whenTheFolderHasAnotherShape(String folder) {
        assertThat(SafeLinks.reportPage(folder)).isNull();
    }
}
