package io.demandloop.local.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.demandloop.local.http.LoopbackHttpServer;
import io.demandloop.local.template.SamTemplate;
import io.demandloop.local.template.SecretDef;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
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
public final class LocalSecretsManager implements AutoCloseable {

    /** The prefix of the host variables that become webhook secrets. */
    public static final String PREFIX = "DEMANDLOOP_SECRET_";

    private final HttpServer server;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, SecretDef> secrets = new TreeMap<>();
    private final String value;

    private LocalSecretsManager(HttpServer server, SamTemplate template, Map<String, String> hostEnvironment) {
        this.server = server;
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

    /** Starts on a free loopback port. */
    public static LocalSecretsManager start(SamTemplate template, Map<String, String> hostEnvironment) {
        try {
            HttpServer server = LoopbackHttpServer.create(16);
            LocalSecretsManager manager = new LocalSecretsManager(server, template, hostEnvironment);
            server.createContext("/", manager::handle);
            server.start();
            return manager;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local Secrets Manager: " + e.getMessage(), e);
        }
    }

    /** The endpoint, for {@code aws.endpointUrlSecretsManager}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                reply(exchange, 400, error("UnknownOperationException", "the local Secrets Manager answers GetSecretValue only, not " + target));
                return;
            }
            JsonNode request = mapper.readTree(exchange.getRequestBody());
            String id = request.path("SecretId").asText("");
            String name = id.startsWith("arn:") ? id.substring(id.lastIndexOf(':') + 1) : id;
            SecretDef secret = secrets.get(name);
            if (secret == null) {
                reply(exchange, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
                return;
            }
            ObjectNode response = mapper.createObjectNode();
            response.put("ARN", "arn:aws:secretsmanager:" + SamTemplate.REGION + ":" + SamTemplate.ACCOUNT_ID + ":secret:" + secret.name());
            response.put("Name", secret.name());
            response.put("SecretString", value);
            response.put("VersionId", "local");
            response.putArray("VersionStages").add("AWSCURRENT");
            response.put("CreatedDate", 0);
            reply(exchange, 200, response);
        }
    }

    private ObjectNode error(String type, String message) {
        ObjectNode error = mapper.createObjectNode();
        error.put("__type", type);
        error.put("Message", message);
        return error;
    }

    private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
