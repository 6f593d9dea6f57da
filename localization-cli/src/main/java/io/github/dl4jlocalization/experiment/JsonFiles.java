package io.github.dl4jlocalization.experiment;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.dl4jlocalization.util.Require;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
 *
 * <p>Config files (run configs, sweep grids) are read within bounds, so that a hostile or broken
 * file fails at once with one line instead of exhausting the reader: at most
 * {@value #MAX_CONFIG_BYTES} bytes (checked before parsing; YAML's code-point limit too), a key
 * given twice in one map is an error (JSON and YAML), and YAML is read by SnakeYAML's safe
 * constructor (plain maps, lists and scalars: a {@code !!java...} tag is rejected) with anchors and
 * aliases resolved ({@code xi: *pair} reads the anchored value), at most
 * {@value #MAX_YAML_ALIASES} aliases to collections per file (alias bombs fail). Syntax errors name
 * the line and column. A key or text value longer than {@value #MAX_CONFIG_TEXT} characters is an
 * error, and so is a file whose aliases expand to more than {@value #MAX_CONFIG_BYTES} characters of
 * values (50 aliases nested three to a level still expand to 3^25 values, whose first use, even in an
 * error message, exhausted the heap). Dates stay text and YAML keys that are not text ({@code 1:})
 * their text.
 */
public final class JsonFiles {
    /**
     * The largest config or grid file read, in bytes: a run config is a few hundred bytes and a grid
     * of many axes a few kilobytes, so 1 MiB leaves room for any hand-written or generated file.
     */
    public static final int MAX_CONFIG_BYTES = 1 << 20;
    /**
     * The longest key or text value of a config file, in characters: a config's values are numbers,
     * names and paths, and no file system takes a path longer than Linux's 4096 characters
     * ({@code PATH_MAX}).
     */
    public static final int MAX_CONFIG_TEXT = 4096;
    /** Aliases to collections allowed in one YAML file (SnakeYAML's default). */
    public static final int MAX_YAML_ALIASES = 50;

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
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
        String what = "config file";
        requireFile(file, what);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        Require.that(size <= MAX_CONFIG_BYTES, what + " " + file, size + " bytes",
                "at most " + MAX_CONFIG_BYTES + " bytes (1 MiB)");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, Object> entries = name.endsWith(".yaml") || name.endsWith(".yml") ? readYaml(file, what)
                : read(file, JSON, "JSON", what);
        return plainMap(entries, "", what + " " + file, new long[] {MAX_CONFIG_BYTES});
    }

    /**
     * {@code map} copied into plain maps with text keys, lists and scalars: an alias becomes a copy
     * of its anchored value, a key that is not text its text.
     *
     * @param key   where the map is, for the error messages ({@code base.data})
     * @param where the file, for the error messages
     * @param left  how much of {@link #MAX_CONFIG_BYTES} the copy may still take: a text its length
     *              (at least 1), any other value 1, which a file without aliases never exceeds (each of
     *              its values takes at least that many bytes)
     * @throws IllegalArgumentException naming the file (and the key) when a key is given twice (as
     *                                  {@code 1} and {@code '1'}), a text is too long or the copy
     *                                  exceeds the budget
     */
    private static Map<String, Object> plainMap(Map<?, ?> map, String key, String where, long[] left) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            String path = key.isEmpty() ? name : key + "." + name;
            take(name, path, where, left);
            if (copy.put(name, plain(e.getValue(), path, where, left)) != null) {
                throw new IllegalArgumentException(where + " has the key " + path + " twice");
            }
        }
        return copy;
    }

    /** {@code value} copied as by {@link #plainMap}. */
    private static Object plain(Object value, String key, String where, long[] left) {
        take(value, key, where, left);
        if (value instanceof Map<?, ?> map) {
            return plainMap(map, key, where, left);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(plain(list.get(i), key + "[" + i + "]", where, left));
            }
            return copy;
        }
        return value;
    }

    private static void take(Object value, String key, String where, long[] left) {
        int length = 1;
        if (value instanceof String text) {
            Require.that(text.length() <= MAX_CONFIG_TEXT, where + ": " + key, text.length() + " characters",
                    "at most " + MAX_CONFIG_TEXT + " characters (a config's values are numbers, names and paths)");
            length = Math.max(1, text.length());
        }
        left[0] -= length;
        if (left[0] < 0) {
            throw new IllegalArgumentException(where + " expands through its aliases to more than "
                    + MAX_CONFIG_BYTES + " characters of values, the most a config file holds: use fewer aliases");
        }
    }

    private static Map<String, Object> readYaml(Path file, String what) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_CONFIG_BYTES);
        options.setMaxAliasesForCollections(MAX_YAML_ALIASES);
        options.setAllowRecursiveKeys(false);
        Object document;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Yaml(new TextDates(options)).load(in);   // the loader options of its constructor
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(what + " " + file + " is not valid YAML key: value entries: "
                    + e.getProblem() + at(e.getProblemMark()), e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(what + " " + file + " is not valid YAML key: value entries: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + " cannot be read: " + e.getMessage(), e);
        }
        return topLevelMap(document, file, "YAML", what);
    }

    private static String at(Mark mark) {
        return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topLevelMap(Object document, Path file, String format, String what) {
        if (document == null) {
            throw new IllegalArgumentException(what + " " + file + " is empty: expected " + format
                    + " key: value entries");
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " " + file + " is not " + format
                    + " key: value entries (its top level is not a map)");
        }
        return (Map<String, Object>) map;
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + " does not exist or is not a file");
        }
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
        requireFile(file, what);
        try {
            return topLevelMap(mapper.readValue(file.toFile(), MAP), file, format, what);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new IllegalArgumentException(what + " " + file + " is not valid " + format + " key: value entries: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr()), e);
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

    /**
     * SnakeYAML's safe constructor with timestamps ({@code 2024-01-01}) kept as text: no config
     * value is a date, and the parameters read text, numbers, booleans, lists and maps.
     */
    private static final class TextDates extends SafeConstructor {
        TextDates(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }
}
