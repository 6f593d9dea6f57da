package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.LineFileSink;

import java.nio.file.Path;

/**
 * Appends {@link MetricsRow}s to a run's {@value RunDirectory#METRICS}, one flushed line each
 * ({@link LineFileSink}); the file starts with {@link MetricsRow#header()}.
 */
final class MetricsCsvSink extends LineFileSink<MetricsRow> {
    private static final long serialVersionUID = 1L;

    /** Appends to {@code file} (a run directory's, which has its header already). */
    MetricsCsvSink(Path file) {
        super(file, true);
    }

    @Override
    protected String header(MetricsRow first) {
        return MetricsRow.header();
    }

    @Override
    protected String line(MetricsRow row) {
        return row.toCsv();
    }
}
