package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/safety.md's hazard table names tests that exist and that carry the row's hazard id. */
class DocumentedHazardsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (H\\d\\d) \\|.*\\| `([A-Za-z]+Test)#([A-Za-z0-9_]+)` \\|\\s*$");

    @Test
    void everyTestNamedInTheHazardTableExistsAndCarriesItsHazardId() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(root.resolve("docs/safety.md"));
        List<String> checked = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String hazard = m.group(1);
            Path source = find(root, m.group(2) + ".java");
            assertThat(source).as("%s names %s, which does not exist", hazard, m.group(2)).isNotNull();
            String text = Files.readString(source);
            assertThat(text).as("%s names %s#%s", hazard, m.group(2), m.group(3)).contains("void " + m.group(3) + "(");
            assertThat(text).as("%s does not carry the hazard id %s", m.group(2), hazard).contains(hazard);
            checked.add(hazard);
        }
        System.out.println("hazard rows with tests: " + checked);
        assertThat(checked).hasSizeGreaterThanOrEqualTo(15);
    }

    private static Path find(Path root, String fileName) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(fileName))
                    .filter(p -> p.toString().contains("/src/test/java/")).findFirst().orElse(null);
        }
    }
}
