package com.needlepen.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Set;

/** The published JSON schemas (firmware/src/main/resources/schemas), for checking received payloads. */
final class TelemetrySchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private TelemetrySchemas() {
    }

    /** Validates a received message (its {@code _topic} bookkeeping field removed) against the schema it names. */
    static Set<ValidationMessage> validate(JsonNode message) {
        ObjectNode payload = ((ObjectNode) message).deepCopy();
        payload.remove("_topic");
        String name = payload.path("schema").asText();
        String resource = switch (name) {
            case "needlepen.sample/1" -> "/schemas/needlepen.sample.v1.schema.json";
            case "needlepen.event/1" -> "/schemas/needlepen.event.v1.schema.json";
            case "needlepen.status/1" -> "/schemas/needlepen.status.v1.schema.json";
            default -> throw new AssertionError("unknown schema '" + name + "' in " + payload);
        };
        JsonSchema schema = FACTORY.getSchema(TelemetrySchemas.class.getResourceAsStream(resource));
        return schema.validate(payload);
    }
}
