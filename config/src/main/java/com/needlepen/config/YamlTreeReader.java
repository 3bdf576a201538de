package com.needlepen.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML text with Jackson's streaming parser into a {@link YamlNode} tree that keeps line
 * numbers, recording every key's line in a {@link KeyLines}. Rejects what a plain tree would
 * silently resolve: a duplicate key (YAML says last one wins; here it is an error), aliases, and
 * more than one document.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final String source;
    private final KeyLines lines;

    private YamlTreeReader(KeyLines lines) {
        this.source = lines.source();
        this.lines = lines;
    }

    /** Reads the single document in {@code text}; records key lines into {@code lines}. */
    static YamlNode read(String text, KeyLines lines) {
        return new YamlTreeReader(lines).readDocument(text);
    }

    private YamlNode readDocument(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new ConfigException(source, 0, "", "the file is empty; expected a YAML mapping of profile keys");
            }
            YamlNode root = readValue(p, "");
            if (p.nextToken() != null) {
                throw new ConfigException(source, line(p), "", "only one YAML document is allowed; remove the second '---'");
            }
            return root;
        } catch (StreamReadException e) {
            throw malformed(e, e.getLocation() == null ? 0 : e.getLocation().getLineNr());
        } catch (YAMLException e) {
            throw malformed(e, 0);
        } catch (IOException e) {
            throw new ConfigException(source, 0, "", "cannot read: " + e.getMessage(), e);
        }
    }

    private YamlNode readValue(JsonParser p, String path) throws IOException {
        JsonToken token = p.currentToken();
        int line = line(p);
        return switch (token) {
            case START_OBJECT -> readMapping(p, path, line);
            case START_ARRAY -> readSequence(p, path, line);
            default -> readScalar(p, path, line, token);
        };
    }

    private YamlNode readMapping(JsonParser p, String path, int line) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            String keyPath = KeyLines.child(path, key);
            YamlNode.Entry first = entries.get(key);
            if (first != null) {
                String where = first.keyLine() == keyLine ? "given twice on line " + keyLine
                        : "first given on line " + first.keyLine() + ", again on line " + keyLine;
                throw new ConfigException(source, keyLine, keyPath, "duplicate key; " + where);
            }
            lines.put(keyPath, keyLine);
            p.nextToken();
            entries.put(key, new YamlNode.Entry(key, keyLine, readValue(p, keyPath)));
        }
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode readSequence(JsonParser p, String path, int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String itemPath = KeyLines.item(path, items.size());
            lines.put(itemPath, line(p));
            items.add(readValue(p, itemPath));
        }
        return new YamlNode.Sequence(items, line);
    }

    private YamlNode readScalar(JsonParser p, String path, int line, JsonToken token) throws IOException {
        String text = p.getText();
        if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
            // Jackson hands an alias over as the anchor's name, which would bind as a wrong value.
            throw new ConfigException(source, line, path, "YAML aliases (*" + text + ") are not supported; write the value out");
        }
        try {
            return switch (token) {
                case VALUE_STRING -> new YamlNode.Scalar(YamlNode.Kind.STRING, text, text, line);
                case VALUE_NUMBER_INT -> new YamlNode.Scalar(YamlNode.Kind.INTEGER, text, p.getBigIntegerValue(), line);
                case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(YamlNode.Kind.FLOAT, text, p.getDoubleValue(), line);
                case VALUE_TRUE -> new YamlNode.Scalar(YamlNode.Kind.BOOLEAN, text, Boolean.TRUE, line);
                case VALUE_FALSE -> new YamlNode.Scalar(YamlNode.Kind.BOOLEAN, text, Boolean.FALSE, line);
                case VALUE_NULL -> new YamlNode.Scalar(YamlNode.Kind.NULL, text, null, line);
                default -> throw new ConfigException(source, line, path, "unsupported YAML value '" + text + "'");
            };
        } catch (StreamReadException e) {
            // Jackson resolves ".nan" to a float it then fails to convert; no profile field wants it.
            throw new ConfigException(source, line, path, "'" + text + "' is not a usable number", e);
        }
    }

    private ConfigException malformed(Exception e, int jacksonLine) {
        Throwable cause = e.getCause() instanceof YAMLException ye ? ye : e;
        if (cause instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
            return new ConfigException(source, m.getProblemMark().getLine() + 1, "",
                    "not valid YAML: " + m.getProblem() + context, e);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause == e && e instanceof StreamReadException sre && sre.getOriginalMessage() != null) {
            message = sre.getOriginalMessage();
        }
        return new ConfigException(source, jacksonLine, "", "not valid YAML: " + message.lines().findFirst().orElse(""), e);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
