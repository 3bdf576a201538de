package com.needlepen.config.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The format of every machine-written record in the store: a JSON body, then one last line
 * {@code sha256:<hex>} over the exact bytes before it. Any changed byte, in the JSON or in the
 * checksum, makes the file fail; whitespace is content too, because nobody is meant to edit it.
 */
public final class ChecksummedJson {

    private static final String CHECKSUM_PREFIX = "sha256:";

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public byte[] encode(Object body) {
        try {
            byte[] json = (mapper.writeValueAsString(body) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] trailer = (CHECKSUM_PREFIX + sha256(json) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] out = Arrays.copyOf(json, json.length + trailer.length);
            System.arraycopy(trailer, 0, out, json.length, trailer.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    /**
     * The body of file {@code name}, whose bytes are {@code file}; throws {@link CalibrationException}
     * saying what is wrong ({@code what} names the kind of record, e.g. "a calibration file") and,
     * for a changed file, what to do ({@code advice}).
     */
    public <T> T decode(byte[] file, String name, String what, String advice, Class<T> type) {
        int end = file.length;
        if (end > 0 && file[end - 1] == '\n') {
            end--;
        }
        int lineStart = end;
        while (lineStart > 0 && file[lineStart - 1] != '\n') {
            lineStart--;
        }
        String trailer = new String(file, lineStart, end - lineStart, StandardCharsets.UTF_8);
        if (lineStart == 0 || !trailer.startsWith(CHECKSUM_PREFIX)) {
            throw new CalibrationException(name + ": not " + what + " (no checksum line)");
        }
        byte[] body = Arrays.copyOf(file, lineStart);
        if (!sha256(body).equals(trailer.substring(CHECKSUM_PREFIX.length()))) {
            throw new CalibrationException(name + " fails its checksum: it was changed after it was written; " + advice);
        }
        try {
            return mapper.readValue(body, type);
        } catch (java.io.IOException e) {
            throw new CalibrationException(name + ": not readable as " + what + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * As {@link #decode(byte[], String, String, String, Class)}, for a body whose {@code format} field
     * must be {@code format}: another format is refused before its fields are read, naming both and
     * adding {@code otherFormat}'s advice for it (an older format's fields need not parse as this one's).
     */
    public <T> T decode(byte[] file, String name, String what, String advice, Class<T> type, String format,
                        java.util.function.UnaryOperator<String> otherFormat) {
        com.fasterxml.jackson.databind.JsonNode tree = decode(file, name, what, advice,
                com.fasterxml.jackson.databind.JsonNode.class);
        String found = tree.path("format").asText(null);
        if (!format.equals(found)) {
            throw new CalibrationException(name + ": format '" + found + "' is not " + format + otherFormat.apply(found));
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (java.io.IOException e) {
            throw new CalibrationException(name + ": not readable as " + what + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
