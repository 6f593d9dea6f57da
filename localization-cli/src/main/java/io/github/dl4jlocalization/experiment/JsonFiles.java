package io.github.dl4jlocalization.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.dl4jlocalization.experiment.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads config files (JSON or YAML) and reads and writes the JSON files of a run directory.
 * Numbers are written with {@link Double#toString}, which reads back to the same double; a
 * non-finite number (NaN or infinite: a diverged run's loss, an undefined mean) is written as
 * {@code null}, since JSON has no such numbers.
 */
public final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonFiles() {
    }

    /**
     * Reads a config file: YAML when its name ends in {@code .yaml} or {@code .yml}, JSON
     * otherwise. The top level must be a map of {@code key: value} entries.
     *
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or malformed
     */
    public static Map<String, Object> readConfig(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        return read(file, yaml ? YAML : JSON, yaml ? "YAML" : "JSON", "config file");
    }

    /**
     * Reads a JSON object written by {@link #write}.
     *
     * @param what what the file is, for the error message (e.g. "run configuration")
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or malformed
     */
    public static Map<String, Object> readJson(Path file, String what) {
        return read(file, JSON, "JSON", what);
    }

    private static Map<String, Object> read(Path file, ObjectMapper mapper, String format, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist or is not a file");
        }
        try {
            Map<String, Object> map = mapper.readValue(file.toFile(), MAP);
            if (map == null) {
                throw new IllegalArgumentException(what + " " + file + " is empty: expected " + format
                        + " key: value entries");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " " + file + " is not valid " + format + " key: value entries: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code value} (maps, lists, strings, numbers, {@code double[]}) as indented JSON,
     * atomically; non-finite numbers as {@code null}.
     */
    public static void write(Path file, Object value) {
        Object json = finite(value);
        AtomicFiles.write(file, out -> {
            out.write(JSON.writeValueAsString(json));
            out.write('\n');
        });
    }

    /** {@code value} with every non-finite double or float (also in maps, lists and arrays) as null. */
    private static Object finite(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? f : null;
        }
        if (value instanceof double[] a) {
            return Arrays.stream(a).mapToObj(JsonFiles::finite).toList();
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, finite(v)));
            return copy;
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            c.forEach(v -> copy.add(finite(v)));
            return copy;
        }
        return value;
    }
}
