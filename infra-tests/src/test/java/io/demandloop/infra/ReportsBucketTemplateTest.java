package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.local.template.SamTemplate;
import io.demandloop.shared.testing.ProjectFiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report bucket stays private and encrypted (issue 12: reports are shared by presigned links, never by opening the
 * bucket), and the report function may read back only what the links and the history's manifest need.
 */
class ReportsBucketTemplateTest {

    private final Map<String, Object> document = SamTemplate.document(ProjectFiles.path("template.yaml"));

    @Test
    void reportsBucket_shouldBlockEveryKindOfPublicAccess_andEncryptAtRest() {
        // GIVEN
        Map<String, Object> properties = map(map(map(document.get("Resources")).get("ReportsBucket")).get("Properties"));

        // WHEN
        Map<String, Object> block = map(properties.get("PublicAccessBlockConfiguration"));
        List<?> encryption = (List<?>) map(properties.get("BucketEncryption")).get("ServerSideEncryptionConfiguration");

        // THEN
        assertThat(block).containsEntry("BlockPublicAcls", true).containsEntry("BlockPublicPolicy", true)
                .containsEntry("IgnorePublicAcls", true).containsEntry("RestrictPublicBuckets", true);
        assertThat(map(map(encryption.get(0)).get("ServerSideEncryptionByDefault")).get("SSEAlgorithm"))
                .isIn("AES256", "aws:kms", "aws:kms:dsse");
        assertThat(map(map(document.get("Resources"))).values().stream().map(r -> map(r).get("Type")))
                .as("no bucket policy opens the bucket").doesNotContain("AWS::S3::BucketPolicy");
    }

    @Test
    void reportFunction_shouldGetOnlyUnderReports_andTakeTheLinkExpiryFromAParameterOfAtMostSevenDays() {
        // GIVEN
        Map<String, Object> function = map(map(map(document.get("Resources")).get("PortfolioReportFunction"))
                .get("Properties"));

        // WHEN
        String policies = String.valueOf(function.get("Policies"));
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
        Map<String, Object> expiry = map(map(document.get("Parameters")).get("ReportLinkExpiry"));

        // THEN
        assertThat(policies).contains("s3:GetObject").contains("/reports/*");
        assertThat(String.valueOf(variables.get("REPORT_LINK_EXPIRY"))).contains("ReportLinkExpiry");
        String pattern = String.valueOf(expiry.get("AllowedPattern"));
        assertThat("P7D").matches(pattern);
        assertThat("PT12H").matches(pattern);
        assertThat("P8D").doesNotMatch(pattern);
        assertThat("P30D").doesNotMatch(pattern);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
