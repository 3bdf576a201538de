package com.needlepen.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads device profiles from YAML. Every way in ends in the same strict path: parse keeping line
 * numbers, bind key by key (unknown, duplicate or missing keys, wrong types and values outside a
 * key's bounds are errors), then {@link ProfileValidator}'s cross-field rules. Anything wrong is a one-line {@link ConfigException}; a profile that
 * comes back is complete and within its limits.
 */
public final class ProfileLoader {

    /** The profiles shipped inside this jar, under {@code profiles/<name>.yaml}. */
    public static final List<String> BUNDLED = List.of("sim", "compact");
    /**
     * The bundled profiles of the pen on a Raspberry Pi (backend {@code pi4j}, with its {@code hardware} wiring):
     * the same handpiece as {@code sim}, with the TMC5160 or the TMC2209 collar driver. Apart from {@link #BUNDLED},
     * which lists the profiles the simulator runs.
     */
    public static final List<String> BUNDLED_PI = List.of("pi-tmc5160", "pi-tmc2209");
    /** Every bundled profile's name. */
    public static final List<String> ALL_BUNDLED = java.util.stream.Stream.concat(BUNDLED.stream(), BUNDLED_PI.stream())
            .toList();

    private ProfileLoader() {
    }

    /**
     * Loads and validates the profile in {@code file}. Messages name the file as given.
     *
     * @throws ConfigException if the file is missing, unreadable, not UTF-8 YAML, or invalid
     */
    public static DeviceProfile load(Path file) {
        return load(file, null);
    }

    /**
     * As {@link #load(Path)}, holding the profile's {@code backend:} to {@code knownBackends} (the
     * backends this program was built with), so an unknown one is refused at its line.
     */
    public static DeviceProfile load(Path file, java.util.Collection<String> knownBackends) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new ConfigException(source, 0, "", "is a directory, not a profile file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, 0, "", "file not found", e);
        } catch (AccessDeniedException e) {
            throw new ConfigException(source, 0, "", "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new ConfigException(source, 0, "", "cannot read: " + e.getMessage(), e);
        }
        return parse(decode(bytes, source), source, knownBackends);
    }

    /**
     * Loads and validates the bundled profile {@code name} (one of {@link #BUNDLED}); its source
     * is {@code profiles/<name>.yaml}.
     *
     * @throws ConfigException if there is no such bundled profile or it is invalid
     */
    public static DeviceProfile bundled(String name) {
        return bundled(name, null);
    }

    /** As {@link #bundled(String)}, holding {@code backend:} to {@code knownBackends}. */
    public static DeviceProfile bundled(String name, java.util.Collection<String> knownBackends) {
        String source = "profiles/" + name + ".yaml";
        try (InputStream in = ProfileLoader.class.getClassLoader().getResourceAsStream(source)) {
            if (in == null) {
                throw new ConfigException(source, 0, "",
                        "no bundled profile named '" + name + "'; bundled: " + String.join(", ", ALL_BUNDLED));
            }
            return parse(decode(in.readAllBytes(), source), source, knownBackends);
        } catch (IOException e) {
            throw new ConfigException(source, 0, "", "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses and validates profile YAML held in memory.
     *
     * @param yamlText   the YAML document
     * @param sourceName what messages and {@link DeviceProfile#source()} call it, e.g. a file name
     * @throws ConfigException if the text is not YAML or the profile is invalid
     */
    public static DeviceProfile parse(String yamlText, String sourceName) {
        return parse(yamlText, sourceName, null);
    }

    /**
     * As {@link #parse(String, String)}; {@code knownBackends}, when not null, are the backend names
     * {@code backend:} may take (without it, any well-formed name loads and the program that opens
     * the pen refuses one it does not have).
     */
    public static DeviceProfile parse(String yamlText, String sourceName, java.util.Collection<String> knownBackends) {
        KeyLines lines = new KeyLines(sourceName);
        YamlNode root = YamlTreeReader.read(yamlText, lines);
        DeviceProfile profile = ProfileBinder.bind(root, lines, sourceName);
        ProfileValidator.validate(profile, lines, knownBackends);
        return profile;
    }

    /** Strict UTF-8: a binary or Latin-1 file fails here, not later as a puzzling YAML error. */
    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, 0, "", "not a YAML text file: it is not valid UTF-8", e);
        }
    }
}
