package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/safety.md's hazard table names tests that exist and that carry the row's hazard id. */
class DocumentedHazardsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (H\\d\\d) \\|(.*)\\|([^|]*)\\|\\s*$");
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)#([A-Za-z0-9_]+)`");

    @Test
    void everyTestNamedInTheRegulationTableExists() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(root.resolve("docs/safety.md"));
        int rows = 0;
        for (String line : lines) {
            if (!line.startsWith("| 21 CFR") && !line.startsWith("| IEC")) {
                continue;
            }
            rows++;
            String tests = line.substring(line.lastIndexOf(" | ") + 3);
            Matcher t = java.util.regex.Pattern.compile("`(\\w+)(?:#(\\w+))?`").matcher(tests);
            int named = 0;
            while (t.find()) {
                if (!Character.isUpperCase(t.group(1).charAt(0))) {
                    continue;
                }
                named++;
                Path source = find(root, t.group(1) + ".java");
                assertThat(source).as("the regulation table names %s, which does not exist", t.group(1)).isNotNull();
                if (t.group(2) != null) {
                    assertThat(Files.readString(source)).as("the regulation table names %s#%s", t.group(1), t.group(2))
                            .contains("void " + t.group(2) + "(");
                }
            }
            assertThat(named).as("regulation row names no test: %s", line.substring(0, Math.min(60, line.length())))
                    .isPositive();
        }
        assertThat(rows).as("regulation rows (21 CFR 878.4430, IEC 60601-1, IEC 62304)").isGreaterThanOrEqualTo(3);
    }

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
            Matcher t = TEST.matcher(m.group(3));
            int named = 0;
            while (t.find()) {
                named++;
                Path source = find(root, t.group(1) + ".java");
                assertThat(source).as("%s names %s, which does not exist", hazard, t.group(1)).isNotNull();
                String text = Files.readString(source);
                assertThat(text).as("%s names %s#%s", hazard, t.group(1), t.group(2)).contains("void " + t.group(2) + "(");
                assertThat(text).as("%s does not carry the hazard id %s", t.group(1), hazard).contains(hazard);
            }
            assertThat(named).as("hazard %s names no test in its last column", hazard).isPositive();
            checked.add(hazard);
        }
        System.out.println("hazard rows with tests: " + checked);
        assertThat(checked).hasSizeGreaterThanOrEqualTo(24);
    }

    /** The test source named {@code fileName}; skips .git and target, which other processes may change meanwhile. */
    private static Path find(Path root, String fileName) throws IOException {
        Path[] found = {null};
        Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return name.equals(".git") || name.equals("target") || name.equals("node_modules")
                        ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                if (file.getFileName().toString().equals(fileName) && file.toString().contains("/src/test/java/")) {
                    found[0] = file;
                    return java.nio.file.FileVisitResult.TERMINATE;
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }
}
