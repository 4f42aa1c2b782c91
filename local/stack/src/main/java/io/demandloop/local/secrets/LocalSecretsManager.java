package io.demandloop.local.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.local.http.AwsJsonEndpoint;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.SecretDef;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A local AWS Secrets Manager that answers {@code GetSecretValue} (AWS JSON 1.1, as the SDK sends it) for the
 * template's secrets. The value of every secret is the webhook-secret object the intake reads, built from the
 * host's {@code DEMANDLOOP_SECRET_<SOURCE>} variables: {@code DEMANDLOOP_SECRET_SERVICENOW=x} gives
 * {@code {"servicenow": "x"}}. So locally, as on AWS, the intake reads its secrets from Secrets Manager.
 */
public final class LocalSecretsManager extends AwsJsonEndpoint {

    /** The prefix of the host variables that become webhook secrets. */
    public static final String PREFIX = "DEMANDLOOP_SECRET_";

    private final Map<String, SecretDef> secrets = new TreeMap<>();
    private final String value;

    private LocalSecretsManager(SamTemplate template, Map<String, String> hostEnvironment) {
        super("secretsmanager.GetSecretValue", "application/x-amz-json-1.1");
        for (SecretDef secret : template.secrets()) {
            secrets.put(secret.name(), secret);
        }
        ObjectNode webhookSecrets = mapper.createObjectNode();
        new TreeMap<>(hostEnvironment).forEach((name, secret) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !secret.isBlank()) {
                webhookSecrets.put(name.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'), secret);
            }
        });
        this.value = webhookSecrets.toString();
    }

    /** Starts on a free loopback port; its {@link #endpoint()} is for {@code aws.endpointUrlSecretsManager}. */
    public static LocalSecretsManager start(SamTemplate template, Map<String, String> hostEnvironment) {
        LocalSecretsManager manager = new LocalSecretsManager(template, hostEnvironment);
        manager.startServer("Secrets Manager");
        return manager;
    }

    @Override
    protected Reply unsupported(String otherTarget) {
        return new Reply(400, error("UnknownOperationException", "Message",
                "the local Secrets Manager answers GetSecretValue only, not " + otherTarget));
    }

    @Override
    protected Reply answer(JsonNode request) {
        String id = request.path("SecretId").asText("");
        String name = id.startsWith("arn:") ? id.substring(id.lastIndexOf(':') + 1) : id;
        SecretDef secret = secrets.get(name);
        if (secret == null) {
            return new Reply(400, error("ResourceNotFoundException", "Message", "Secrets Manager can't find the specified secret."));
        }
        ObjectNode response = mapper.createObjectNode();
        response.put("ARN", "arn:aws:secretsmanager:" + SamTemplate.REGION + ":" + SamTemplate.ACCOUNT_ID + ":secret:" + secret.name());
        response.put("Name", secret.name());
        response.put("SecretString", value);
        response.put("VersionId", "local");
        response.putArray("VersionStages").add("AWSCURRENT");
        response.put("CreatedDate", 0);
        return new Reply(200, response);
    }
}
