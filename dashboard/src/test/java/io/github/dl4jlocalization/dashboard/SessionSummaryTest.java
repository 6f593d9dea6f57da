package io.github.dl4jlocalization.dashboard;

import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.KurtosisRecord;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import io.github.dl4jlocalization.metrics.SignedPeak;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's data of a session, from hand-made records in an in-memory stats storage. */
class SessionSummaryTest {
    private static final double NAN = Double.NaN;

    /** K = 3 units over D = 4 inputs; unit 2 all zero (NaN IPR). */
    private static ReceptiveFieldRecord fields(long iteration, boolean weights, long time) {
        double[][] w = {{1, 0, 0, 0}, {1, 1, 1, 1}, {0, 0, 0, 0}};
        double[] ipr = {1, 0.25, NAN};
        SignedPeak[] peaks = {new SignedPeak(0, 1), new SignedPeak(0, 1), new SignedPeak(0, 0)};
        return new ReceptiveFieldRecord(iteration, 0, 0.5, ipr, peaks, weights ? w : null, time);
    }

    @Test
    void thinKeepsEverythingUpToTheLimitThenSpreadsEvenlyWithBothEnds() {
        assertArrayEquals(new int[] {0, 1, 2}, DashboardData.thin(3, 5));
        int[] at = DashboardData.thin(1001, 200);
        assertEquals(200, at.length);
        assertEquals(0, at[0]);
        assertEquals(1000, at[199]);
        assertTrue(IntStream.range(1, at.length).allMatch(i -> at[i] > at[i - 1]));
    }

    @Test
    void unitsAreOrderedByDecreasingIprWithUndefinedLast() {
        assertArrayEquals(new int[] {3, 1, 0, 2}, DashboardData.byDecreasingIpr(new double[] {0.1, 0.5, NAN, 0.9}));
        DashboardData.Weights w = DashboardData.Weights.of(7, new double[] {0.1, 0.5, NAN, 0.9},
                new double[][] {{0}, {1}, {2}, {3}});
        assertEquals(3, w.mostLocalized().unit());
        assertEquals(0, w.leastLocalized().unit());
        assertArrayEquals(new double[] {0.9, 0.5, 0.1, NAN}, w.orderedIpr());
        assertArrayEquals(new double[][] {{3}, {1}, {0}, {2}}, w.rows());
    }

    @Test
    void summaryHoldsCurvesNewestSnapshotKurtosisAndGrowsIncrementally() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageRecordSink sink = new StatsStorageRecordSink(storage, "s", "w");
        sink.accept(fields(0, true, 100));
        sink.accept(fields(10, false, 200));
        sink.accept(new KurtosisRecord(10, 0, 40, new double[] {-1, -2, NAN, -3}, new double[] {0.5, 1.5}, 150));
        SessionSummary summary = new SessionSummary(storage, "s");

        DashboardData d = summary.refresh();
        assertEquals("s", d.sessionId());
        assertEquals(3, d.units());
        assertEquals(4, d.inputs());
        assertArrayEquals(new long[] {0, 10}, d.ipr().iteration());
        assertArrayEquals(new double[] {0.625, 0.625}, d.ipr().mean());   // NaN unit ignored
        assertArrayEquals(new double[] {1, 1}, d.ipr().max());
        assertArrayEquals(new double[] {0.25, 0.25}, d.iprHeatmap().ipr()[1]);
        assertEquals(10, d.latest().iteration());
        assertEquals(0, d.weights().iteration(), "the newest record WITH weights");
        assertArrayEquals(new int[] {0, 1, 2}, d.weights().order());
        assertEquals(1, d.weights().leastLocalized().unit());
        assertArrayEquals(new double[] {1, 1, 1, 1}, d.weights().leastLocalized().weights());
        assertArrayEquals(new double[] {-2}, d.kurtosis().meanInput());
        assertArrayEquals(new double[] {1}, d.kurtosis().meanPreActivation());
        assertArrayEquals(new double[] {-1, -2, NAN, -3}, d.kurtosis().latestInput());
        assertNull(d.pruning());

        assertEquals(d.version(), summary.refresh().version(), "nothing new");
        sink.accept(fields(20, true, 300));
        DashboardData next = summary.refresh();
        assertNotEquals(d.version(), next.version());
        assertArrayEquals(new long[] {0, 10, 20}, next.ipr().iteration());
        assertEquals(3, next.ipr().records());
        assertEquals(20, next.weights().iteration());
    }

    @Test
    void longRunsAreThinnedForThePage() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageRecordSink sink = new StatsStorageRecordSink(storage, "s", "w");
        int n = 1500;
        for (int t = 0; t < n; t++) {
            sink.accept(fields(t, false, 1000 + t));
        }
        DashboardData d = new SessionSummary(storage, "s").refresh();
        assertEquals(n, d.ipr().records());
        assertEquals(DashboardData.MAX_CURVE_POINTS, d.ipr().iteration().length);
        assertEquals(n - 1, d.ipr().iteration()[DashboardData.MAX_CURVE_POINTS - 1]);
        assertEquals(DashboardData.MAX_HEATMAP_COLUMNS, d.iprHeatmap().iteration().length);
        assertEquals(DashboardData.MAX_HEATMAP_COLUMNS, d.iprHeatmap().ipr()[0].length);
        assertNull(d.weights());
        assertEquals(0, d.inputs());
    }

    @Test
    void aSessionWithoutRecordsOfATypeHasNoSectionForIt() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        ShortRun.pruningRounds(storage, "p", 3);
        DashboardData d = new SessionSummary(storage, "p").refresh();
        assertNull(d.ipr());
        assertNull(d.iprHeatmap());
        assertNull(d.latest());
        assertNull(d.kurtosis());
        assertEquals(0, d.units());
        assertArrayEquals(new int[] {0, 1, 2}, d.pruning().round());
        assertArrayEquals(new long[] {0, 100, 200}, d.pruning().iteration());
        assertEquals(1 - 0.8 * 0.8, d.pruning().sparsity()[2], 1e-15);
        double[] ipr2 = IntStream.range(0, ShortRun.K)
                .mapToDouble(k -> Math.min(1, (1.5 + k * 0.25) / ShortRun.D * 1.6 * 1.6)).toArray();
        assertEquals(ipr2[ShortRun.K - 1], d.pruning().maxIpr()[2], 1e-15);
        assertEquals(IntStream.range(0, ShortRun.K).mapToDouble(k -> ipr2[k]).average().orElseThrow(),
                d.pruning().meanIpr()[2], 1e-15);
        assertNull(d.weights());
        assertNull(d.effective());
    }

    /** Two units on a 2 x 3 image; fields only in some records. */
    private static EffectiveReceptiveFieldRecord effective(long iteration, boolean fields, long time) {
        double[][] f = {{0, 1, 0, 0, 0, 0}, {0.5, 0.5, 0, 0, 0, 0}};
        return new EffectiveReceptiveFieldRecord(iteration, 0, 0.3, "layer0", new long[] {2, 3}, new boolean[2],
                new String[] {"layer0 c0 @ [0, 1]", "layer0 c1 @ [0, 1]"}, new double[] {1, 0.5}, 0.9, new int[] {1, 2},
                new double[] {0, 0.5}, new double[][] {{0, 1}, {0, 0.5}}, fields ? f : null, time);
    }

    @Test
    void effectiveFieldsHaveCurvesTheNewestFieldsAndTheFirstUnitsHistory() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageRecordSink sink = new StatsStorageRecordSink(storage, "e", "w");
        sink.accept(effective(0, true, 100));
        sink.accept(effective(10, false, 200));
        sink.accept(effective(20, true, 300));
        DashboardData d = new SessionSummary(storage, "e").refresh();
        DashboardData.EffectiveFields e = d.effective();
        assertEquals(3, e.records());
        assertArrayEquals(new long[] {0, 10, 20}, e.iteration());
        assertArrayEquals(new double[] {0.75, 0.75, 0.75}, e.meanIpr());
        assertArrayEquals(new double[] {1, 1, 1}, e.maxIpr());
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, e.meanWidth());
        assertArrayEquals(new long[] {2, 3}, e.inputShape());
        assertEquals(20, e.latestIteration());
        assertEquals(2, e.latestFields().length);
        assertEquals("layer0 c0 @ [0, 1]", e.historyUnit());
        assertArrayEquals(new long[] {0, 20}, e.historyIteration(), "records with fields only");
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, e.history()[1]);
        assertNull(d.ipr(), "no weight records");
        assertEquals(List.of("e"), storage.listSessionIDs());
    }
}
