package io.github.dl4jlocalization.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repository README's Java snippets are excerpts of these examples, which compile and run: every
 * line of every {@code ```java} block of {@code ../README.md} must occur in an example source file
 * (whitespace runs compared as one space), except elisions, comment lines starting {@code // ...}. A
 * README that shows code the examples do not have (an undefined variable, a renamed method) fails
 * here.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java");

    private static String normalized(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    @Test
    void everyJavaLineOfTheReadmeIsInAnExample() throws IOException {
        String readme = Files.readString(README);
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        String examples;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            examples = files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readAllLines(f).stream().map(ReadmeSnippetsTest::normalized)
                            .collect(Collectors.joining("\n"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        int blocks = 0;
        List<String> missing = new ArrayList<>();
        while (block.find()) {
            blocks++;
            for (String line : block.group(1).split("\n")) {
                String l = normalized(line);
                if (!l.isEmpty() && !l.startsWith("// ...") && !examples.contains(l)) {
                    missing.add(l);
                }
            }
        }
        assertTrue(blocks >= 5, "the README's Java blocks: " + blocks);
        assertEquals(List.of(), missing, "README Java lines that no example contains");
    }
}
