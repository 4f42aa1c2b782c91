package io.demandloop.shared.source.mapped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A made-up tool that exists only in configuration, using every key of the mapping format; the fixture of the
 * tests that a new tool needs no code.
 */
final class AcmeDesk {

    static final String SECRET = "acme-webhook-secret";

    /** config/demandloop.yaml of an instance that wires Acme Desk, with a service alias. */
    static final String CONFIG_YAML = """
            services:
              aliases:
                Email: [EXCH-PROD-01, Email Service, mail]
            mappings:
              acme-desk:
                description: Acme Desk tickets
                auth:
                  type: hmac-sha256
                  header: X-Acme-Signature
                  prefix: "sha256="
                  encoding: hex
                records: $.data.tickets
                kind:
                  field: /type
                  values: {bug: incident, ask: request}
                dates:
                  format: yyyy-MM-dd HH:mm:ss
                  zone: Europe/Paris
                version:
                  field: /revision
                  as: number
                link: https://desk.acme.example/tickets/{id}
                fields:
                  id: /uuid
                  number: $.ref
                  title: /headline
                  service: [/product/service, /product/name]
                  configurationItem: /asset
                  priority:
                    field: /severity
                    values: {S1: 1, S2: 2, S3: 3, S4: 4}
                  state:
                    field: /status
                    values: {todo: open, doing: in_progress, blocked: on_hold, done: resolved, archived: closed, dropped: cancelled}
                  openedAt: /created
                  resolvedAt: /done_at
                  closedAt: {field: /archived_at, format: epoch-seconds}
                  updatedAt: /modified
                  department: /team/department
                  assignmentGroup: /queue
                  category: /topic
                  effortMinutes: {field: /hours_logged, unit: hours}
                  reopenCount: /reopened
            """;

    /** One delivery of Acme Desk: one ticket in an envelope, with a reporter that must never be mapped. */
    static final String BODY = """
            {"event": "ticket.updated", "data": {"tickets": [{
              "uuid": "t-1", "ref": "ACME-7", "type": "bug", "headline": "Checkout times out",
              "product": {"service": "", "name": "mail"}, "asset": "web-03",
              "severity": "S2", "status": "done",
              "created": "2026-11-16 09:02:11", "done_at": "2026-11-16 11:00:00", "archived_at": null,
              "modified": "2026-11-16 11:00:00",
              "team": {"department": "Retail"}, "queue": "Web Team", "topic": "Performance",
              "hours_logged": 1.5, "reopened": "1", "revision": 7,
              "reporter": {"name": "Quinn Example", "email": "quinn@example.com"}
            }]}}
            """;

    private AcmeDesk() {
    }

    static DemandloopConfig config() {
        return DemandloopConfig.fromYaml(CONFIG_YAML);
    }

    /** A fresh, mutable copy of the mapping of Acme Desk, as merged into section mappings. */
    static ObjectNode spec() {
        return (ObjectNode) config().section(MappedSources.SECTION).get("acme-desk").deepCopy();
    }

    /** A fresh, mutable copy of the body. */
    static ObjectNode body() {
        try {
            return (ObjectNode) Json.mapper().readTree(BODY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one ticket record of a {@link #body()}. */
    static ObjectNode ticket(JsonNode body) {
        return (ObjectNode) body.at("/data/tickets/0");
    }
}
