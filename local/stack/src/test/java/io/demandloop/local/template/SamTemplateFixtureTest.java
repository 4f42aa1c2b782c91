package io.demandloop.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.demandloop.local.template.ScheduleDef.Type;
import org.junit.jupiter.api.Test;

/** Constructs the real template does not use, and the errors for those the local stack cannot reproduce. */
class SamTemplateFixtureTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static SamTemplate load(String resource) {
        return SamTemplate.load(TemplateFiles.resource(resource), "demandloop", Map.of());
    }

    @Test
    void load_shouldResolveLongFormsSubVariantsAndArns() {
        // GIVEN
        SamTemplate template = load("template/features.yaml");

        // WHEN
        FunctionDef audit = template.function("AuditFunction").orElseThrow();

        // THEN
        assertThat(audit.environment()).containsExactly(
                Map.entry("SHARED", "from-globals"),
                Map.entry("OVERRIDDEN", "own"),
                Map.entry("PLAIN_NUMBER", "42"),
                Map.entry("FLAG", "true"),
                Map.entry("RATIO", "0.5"),
                Map.entry("NO_DEFAULT", ""),
                Map.entry("LONG_REF", "demandloop-orders-dev"),
                Map.entry("LONG_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/demandloop-orders-dev"),
                Map.entry("BUCKET_ARN", "arn:aws:s3:::my-dev-bucket"),
                Map.entry("BUS_ARN", "arn:aws:events:us-east-1:000000000000:event-bus/demandloop-audit-dev"),
                Map.entry("SUB_LIST", "dev/us-east-1/000000000000/demandloop-orders-dev/${Literal}"),
                Map.entry("SUB_ATTR", "arn:aws:lambda:us-east-1:000000000000:function:demandloop-AuditFunction"),
                Map.entry("SUB_PARAM", "stage-dev"));
        assertThat(audit.runtime()).isEqualTo("java21");
        assertThat(audit.handler()).isEqualTo("example.DefaultHandler::handleRequest");
        assertThat(audit.memoryMb()).isEqualTo(512);
        assertThat(audit.timeoutSeconds()).isEqualTo(10);
        assertThat(audit.codeUri()).isEqualTo(template.directory().resolve("audit"));
    }

    @Test
    void load_shouldApplyLambdaDefaults_whenNeitherFunctionNorGlobalsSetThem() {
        // GIVEN / WHEN
        FunctionDef poller = load("template/features.yaml").function("HTTPPollerFunction").orElseThrow();

        // THEN
        assertThat(poller.runtime()).isEqualTo("java17");
        assertThat(poller.timeoutSeconds()).isEqualTo(3);
        assertThat(poller.memoryMb()).isEqualTo(128);
        assertThat(poller.environment()).containsOnlyKeys("SHARED", "OVERRIDDEN");
    }

    @Test
    void load_shouldReadRuleOnBusGivenByArn_andDisabledState() throws Exception {
        // GIVEN / WHEN
        RuleDef rule = load("template/features.yaml").rules().get(0);

        // THEN
        assertThat(rule.busName()).isEqualTo("demandloop-audit-dev");
        assertThat(rule.enabled()).isFalse();
        assertThat(rule.maximumRetryAttempts()).isEmpty();
        assertThat(mapper.readTree(rule.patternJson())).isEqualTo(mapper.readTree(
                "{\"source\":[\"demandloop.orders\"],"
                        + "\"detail\":{\"total\":[{\"numeric\":[\">\",100]}],\"day\":[\"2026-01-01\"]}}"));
    }

    @Test
    void load_shouldReadSchedulesOfBothTypes() {
        // GIVEN
        SamTemplate template = load("template/features.yaml");

        // WHEN / THEN
        assertThat(template.schedules()).extracting(ScheduleDef::eventName)
                .containsExactly("Hourly", "Weekly", "Classic", "Every");
        ScheduleDef hourly = template.schedules().get(0);
        assertThat(hourly.type()).isEqualTo(Type.SCHEDULE);
        assertThat(hourly.enabled()).isFalse();
        assertThat(hourly.input()).isNull();
        assertThat(hourly.arn())
                .isEqualTo("arn:aws:events:us-east-1:000000000000:rule/demandloop-AuditFunctionHourly");
        ScheduleDef weekly = template.schedules().get(1);
        assertThat(weekly.timezone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(weekly.enabled()).isTrue();
        assertThat(weekly.arn()).isEqualTo("arn:aws:scheduler:us-east-1:000000000000:schedule/default/weekly-audit");
        ScheduleDef classic = template.schedules().get(2);
        assertThat(classic.input()).isEqualTo("{\"mode\": \"classic\"}");
        assertThat(classic.timezone()).isEqualTo(ZoneOffset.UTC);
        assertThat(template.jobNames()).containsExactly("audit", "http-poller");
    }

    @Test
    void load_shouldReadNamedResourcesAndIndexProjections() {
        // GIVEN
        SamTemplate template = load("template/features.yaml");

        // WHEN
        TableDef orders = template.tables().get(0);

        // THEN
        assertThat(template.buses()).extracting(BusDef::name).containsExactly("default", "demandloop-audit-dev");
        assertThat(template.buckets()).containsExactly(new BucketDef("NamedBucket", "my-dev-bucket", false));
        assertThat(orders.name()).isEqualTo("demandloop-orders-dev");
        assertThat(orders.rangeKey()).contains("at");
        assertThat(orders.billingMode()).isEqualTo("PROVISIONED");
        assertThat(orders.globalSecondaryIndexes()).containsExactly(new TableDef.IndexDef(
                "ByCustomer", "customer", Optional.empty(), "INCLUDE", java.util.List.of("total", "status")));
    }

    @Test
    void load_shouldNameFunctionVariableAndConstruct_whenIntrinsicIsUnsupported() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> load("template/unsupported-intrinsic.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContainingAll("LookupFunction", "REGION_NAME", "Fn::FindInMap");
    }

    @Test
    void load_shouldNameTheMissingResource_whenRefIsUnknown() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> load("template/unknown-ref.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContainingAll("LookupFunction", "TABLE", "MissingTable");
    }

    @Test
    void load_shouldNameTheAttribute_whenGetAttIsUnsupported() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> load("template/unsupported-getatt.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContainingAll("LookupFunction", "FILES_DOMAIN", "Files.RegionalDomainName");
    }

    @Test
    void load_shouldFail_whenHandlerIsMissing() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> load("template/missing-handler.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContainingAll("LookupFunction", "Handler");
    }

    @Test
    void load_shouldFail_whenRuleNamesAnUndeclaredBus() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> load("template/unknown-bus.yaml"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContainingAll("LookupFunction", "Looked", "not-declared");
    }

    @Test
    void load_shouldFail_whenFileIsMissing() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> SamTemplate.load(Path.of("does-not-exist.yaml"), "demandloop", Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("does-not-exist.yaml");
    }
}
