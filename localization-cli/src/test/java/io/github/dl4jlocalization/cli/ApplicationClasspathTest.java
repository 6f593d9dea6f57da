package io.github.dl4jlocalization.cli;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application's class path: exactly one SLF4J binding (slf4j-simple), and no class defined by
 * two jars (the first on the path would silently win; MapDB's old lz4 did so over Spark's and broke
 * executors) except the overlaps DL4J brings itself. localization-spark runs the same checks on
 * the class path with embedded Spark (a subclass).
 */
public class ApplicationClasspathTest {
    /** Jar pairs that define the same classes in DL4J's own dependencies (nd4j's guava bundles jsr305, ...). */
    private static final Set<Set<String>> DL4J_OVERLAPS = Set.of(
            Set.of("guava-1.0.0-M2.1.jar", "jsr305-3.0.0.jar"),
            Set.of("jakarta.activation-api-1.2.1.jar", "javax.activation-1.2.0.jar"),
            Set.of("guava-19.0.jar", "protobuf-1.0.0-M2.1.jar"));
    /** The placeholder every Spark jar carries on purpose. */
    private static final String SPARK_STUB = "org/apache/spark/unused/UnusedStubClass.class";

    @Test
    void exactlyOneSlf4jBindingSlf4jSimple() throws IOException {
        ClassLoader loader = getClass().getClassLoader();
        List<URL> bindings = Collections.list(loader.getResources("org/slf4j/impl/StaticLoggerBinder.class"));
        assertEquals(1, bindings.size(), bindings.toString());
        assertTrue(bindings.get(0).toString().contains("/slf4j-simple-"), bindings.toString());
        assertEquals(List.of(), Collections.list(loader.getResources(
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider")), "SLF4J 2 providers");
    }

    @Test
    void noClassIsDefinedByTwoJarsButDl4jsOwnOverlaps() throws IOException {
        Map<String, Set<String>> jarsOfClass = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            String jar = Path.of(entry).getFileName().toString();
            try (ZipFile zip = new ZipFile(entry)) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    String name = e.getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF/")
                            && !name.endsWith("module-info.class")) {
                        jarsOfClass.computeIfAbsent(name, k -> new TreeSet<>()).add(jar);
                    }
                }
            }
        }
        List<String> conflicts = new ArrayList<>();
        jarsOfClass.forEach((name, jars) -> {
            if (jars.size() > 1 && !DL4J_OVERLAPS.contains(jars) && !name.equals(SPARK_STUB)) {
                conflicts.add(name + " in " + jars);
            }
        });
        assertEquals(List.of(), conflicts.subList(0, Math.min(10, conflicts.size())), conflicts.size() + " classes");
    }
}
