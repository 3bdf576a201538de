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
 * The calibration file format: the calibration as JSON, then one last line
 * {@code sha256:<hex>} over the exact bytes before it. Any changed byte, in the JSON or in the
 * checksum, makes the file fail; whitespace is content too, because nobody is meant to edit it.
 */
public final class CalibrationCodec {

    public static final String FORMAT = "needlepen.calibration/1";
    private static final String CHECKSUM_PREFIX = "sha256:";

    /** The JSON body: the format name, then the calibration. */
    record Body(String format, Calibration calibration) {
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public byte[] encode(Calibration calibration) {
        try {
            byte[] body = (mapper.writeValueAsString(new Body(FORMAT, calibration)) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] trailer = (CHECKSUM_PREFIX + sha256(body) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] out = Arrays.copyOf(body, body.length + trailer.length);
            System.arraycopy(trailer, 0, out, body.length, trailer.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode calibration", e);
        }
    }

    /** Decodes a file's bytes; throws {@link CalibrationException} saying what is wrong. */
    public Calibration decode(byte[] file, String name) {
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
            throw new CalibrationException(name + ": not a calibration file (no checksum line)");
        }
        byte[] body = Arrays.copyOf(file, lineStart);
        if (!sha256(body).equals(trailer.substring(CHECKSUM_PREFIX.length()))) {
            throw new CalibrationException(name + " fails its checksum: it was changed after it was written;"
                    + " re-calibrate (needlepen calibrate)");
        }
        try {
            Body parsed = mapper.readValue(body, Body.class);
            if (!FORMAT.equals(parsed.format())) {
                throw new CalibrationException(name + ": format '" + parsed.format() + "' is not " + FORMAT);
            }
            if (parsed.calibration() == null || parsed.calibration().points().size() < 2) {
                throw new CalibrationException(name + ": holds no calibration points");
            }
            return parsed.calibration();
        } catch (java.io.IOException e) {
            throw new CalibrationException(name + ": unreadable calibration (" + e.getMessage().lines().findFirst().orElse("") + ")");
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
