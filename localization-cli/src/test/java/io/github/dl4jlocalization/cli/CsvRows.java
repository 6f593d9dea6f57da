package io.github.dl4jlocalization.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the figures' CSV tables (no quoted fields) as column name -> value rows, for the tests. */
final class CsvRows {
    private CsvRows() {
    }

    /** The rows of {@code csv}, each a map from the header's column names to the row's values. */
    static List<Map<String, String>> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new IllegalStateException(csv + ": row of " + f.length + " fields, header " + header.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The number in column {@code column} of {@code row}. */
    static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
