package io.github.dl4jlocalization.dashboard;

import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldPersistable;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.KurtosisPersistable;
import io.github.dl4jlocalization.listeners.KurtosisRecord;
import io.github.dl4jlocalization.listeners.PruningRoundPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The localization records of one session of a DL4J {@link StatsStorage}, summarised for the
 * page and kept up to date incrementally: each {@link #refresh()} reads only the updates newer
 * than the last one it saw ({@code getAllUpdatesAfter}), so polling a long live run costs the new
 * records only. Per receptive-field record it keeps the iteration and the K IPR values; of the
 * weights only the newest snapshot. Per effective-receptive-field record it keeps the mean and max
 * IPR and the mean width, and the field of its first unit (the history drawn over time); of the
 * other units' fields only the newest.
 *
 * <p>Records of each type ({@link ReceptiveFieldPersistable#TYPE_ID},
 * {@link KurtosisPersistable#TYPE_ID}, {@link PruningRoundPersistable#TYPE_ID},
 * {@link EffectiveReceptiveFieldPersistable#TYPE_ID}) are read from one
 * worker: the first by id among those that posted static information for the type. Thread-safe.
 */
final class SessionSummary {
    private final StatsStorage storage;
    private final String sessionId;

    private final Stream fieldStream = new Stream(ReceptiveFieldPersistable.TYPE_ID);
    private final List<Long> fieldIterations = new ArrayList<>();
    private final List<double[]> iprs = new ArrayList<>();
    private final List<Double> meanIprs = new ArrayList<>();
    private final List<Double> maxIprs = new ArrayList<>();
    private ReceptiveFieldRecord latestFields;
    private ReceptiveFieldRecord latestWeights;

    private final Stream kurtosisStream = new Stream(KurtosisPersistable.TYPE_ID);
    private final List<Long> kurtosisIterations = new ArrayList<>();
    private final List<Double> meanInputKurtosis = new ArrayList<>();
    private final List<Double> meanPreActivationKurtosis = new ArrayList<>();
    private KurtosisRecord latestKurtosis;

    private final Stream pruningStream = new Stream(PruningRoundPersistable.TYPE_ID);
    private final List<PruningRoundPersistable> rounds = new ArrayList<>();

    private final Stream effectiveStream = new Stream(EffectiveReceptiveFieldPersistable.TYPE_ID);
    private final List<Long> effectiveIterations = new ArrayList<>();
    private final List<Double> effectiveMeanIpr = new ArrayList<>();
    private final List<Double> effectiveMaxIpr = new ArrayList<>();
    private final List<Double> effectiveMeanWidth = new ArrayList<>();
    private final List<Long> historyIterations = new ArrayList<>();
    private final List<double[]> history = new ArrayList<>();
    private EffectiveReceptiveFieldRecord latestEffective;

    SessionSummary(StatsStorage storage, String sessionId) {
        this.storage = Require.nonNull("storage", storage);
        this.sessionId = Require.nonNull("sessionId", sessionId);
    }

    /** Reads the records added since the previous call and returns the page's data. */
    synchronized DashboardData refresh() {
        fieldStream.read(p -> addFields(((ReceptiveFieldPersistable) p).toRecord()));
        kurtosisStream.read(p -> addKurtosis(((KurtosisPersistable) p).toRecord()));
        pruningStream.read(p -> rounds.add((PruningRoundPersistable) p));
        effectiveStream.read(p -> addEffective(((EffectiveReceptiveFieldPersistable) p).toRecord()));
        return data();
    }

    private void addFields(ReceptiveFieldRecord r) {
        fieldIterations.add(r.iteration());
        iprs.add(r.ipr());
        meanIprs.add(r.meanIpr());
        maxIprs.add(r.maxIpr());
        latestFields = r;
        if (r.hasReceptiveFields()) {
            latestWeights = r;
        }
    }

    private void addKurtosis(KurtosisRecord r) {
        kurtosisIterations.add(r.iteration());
        meanInputKurtosis.add(r.meanInputKurtosis());
        meanPreActivationKurtosis.add(r.meanPreActivationKurtosis());
        latestKurtosis = r;
    }

    private void addEffective(EffectiveReceptiveFieldRecord r) {
        effectiveIterations.add(r.iteration());
        effectiveMeanIpr.add(r.meanIpr());
        effectiveMaxIpr.add(r.maxIpr());
        effectiveMeanWidth.add(r.meanWidth());
        if (r.hasFields() && r.unitCount() > 0) {
            historyIterations.add(r.iteration());
            history.add(r.fields()[0]);
        }
        latestEffective = r;
    }

    private DashboardData data() {
        int units = latestFields == null ? 0 : latestFields.units();
        int inputs = latestWeights != null ? latestWeights.receptiveFields()[0].length
                : latestKurtosis != null ? latestKurtosis.inputKurtosis().length : 0;
        String version = iprs.size() + "." + kurtosisIterations.size() + "." + rounds.size() + "."
                + effectiveIterations.size();
        return new DashboardData(sessionId, version, units, inputs, iprCurve(), iprHeatmap(),
                latestFields == null ? null : new DashboardData.LatestIpr(latestFields.iteration(), latestFields.ipr()),
                latestWeights == null ? null : DashboardData.Weights.of(latestWeights.iteration(), latestWeights.ipr(),
                        latestWeights.receptiveFields()),
                kurtosisCurve(), pruningCurve(), effectiveFields());
    }

    private DashboardData.EffectiveFields effectiveFields() {
        if (latestEffective == null) {
            return null;
        }
        int[] at = DashboardData.thin(effectiveIterations.size(), DashboardData.MAX_CURVE_POINTS);
        long[] iteration = new long[at.length];
        double[] mean = new double[at.length];
        double[] max = new double[at.length];
        double[] width = new double[at.length];
        for (int j = 0; j < at.length; j++) {
            iteration[j] = effectiveIterations.get(at[j]);
            mean[j] = effectiveMeanIpr.get(at[j]);
            max[j] = effectiveMaxIpr.get(at[j]);
            width[j] = effectiveMeanWidth.get(at[j]);
        }
        int[] kept = DashboardData.thin(history.size(), DashboardData.MAX_HEATMAP_COLUMNS);
        long[] historyIteration = new long[kept.length];
        double[][] fields = new double[kept.length][];
        for (int j = 0; j < kept.length; j++) {
            historyIteration[j] = historyIterations.get(kept[j]);
            fields[j] = history.get(kept[j]);
        }
        EffectiveReceptiveFieldRecord r = latestEffective;
        return new DashboardData.EffectiveFields(iteration, mean, max, width, effectiveIterations.size(), r.layer(),
                r.inputShape(), r.periodic(), r.massFraction(), r.iteration(), r.units(), r.ipr(), r.width(),
                r.fields(), r.unitCount() > 0 ? r.units()[0] : null, historyIteration, fields);
    }

    private DashboardData.IprCurve iprCurve() {
        if (iprs.isEmpty()) {
            return null;
        }
        int[] at = DashboardData.thin(iprs.size(), DashboardData.MAX_CURVE_POINTS);
        long[] iteration = new long[at.length];
        double[] mean = new double[at.length];
        double[] max = new double[at.length];
        for (int j = 0; j < at.length; j++) {
            iteration[j] = fieldIterations.get(at[j]);
            mean[j] = meanIprs.get(at[j]);
            max[j] = maxIprs.get(at[j]);
        }
        return new DashboardData.IprCurve(iteration, mean, max, iprs.size());
    }

    private DashboardData.IprHeatmap iprHeatmap() {
        if (iprs.isEmpty()) {
            return null;
        }
        int[] at = DashboardData.thin(iprs.size(), DashboardData.MAX_HEATMAP_COLUMNS);
        int units = latestFields.units();
        long[] iteration = new long[at.length];
        double[][] ipr = new double[units][at.length];
        for (int j = 0; j < at.length; j++) {
            iteration[j] = fieldIterations.get(at[j]);
            double[] column = iprs.get(at[j]);
            for (int k = 0; k < units; k++) {
                ipr[k][j] = k < column.length ? column[k] : Double.NaN;
            }
        }
        return new DashboardData.IprHeatmap(iteration, ipr);
    }

    private DashboardData.KurtosisCurve kurtosisCurve() {
        if (latestKurtosis == null) {
            return null;
        }
        int[] at = DashboardData.thin(kurtosisIterations.size(), DashboardData.MAX_CURVE_POINTS);
        long[] iteration = new long[at.length];
        double[] input = new double[at.length];
        double[] preActivation = new double[at.length];
        for (int j = 0; j < at.length; j++) {
            iteration[j] = kurtosisIterations.get(at[j]);
            input[j] = meanInputKurtosis.get(at[j]);
            preActivation[j] = meanPreActivationKurtosis.get(at[j]);
        }
        return new DashboardData.KurtosisCurve(iteration, input, preActivation, latestKurtosis.iteration(),
                latestKurtosis.inputKurtosis(), latestKurtosis.preActivationKurtosis(), kurtosisIterations.size());
    }

    private DashboardData.PruningCurve pruningCurve() {
        if (rounds.isEmpty()) {
            return null;
        }
        int n = rounds.size();
        int[] round = new int[n];
        long[] iteration = new long[n];
        double[] sparsity = new double[n];
        double[] meanIpr = new double[n];
        double[] maxIpr = new double[n];
        for (int j = 0; j < n; j++) {
            PruningRoundPersistable r = rounds.get(j);
            round[j] = r.round();
            iteration[j] = r.iteration();
            sparsity[j] = r.sparsity();
            meanIpr[j] = r.meanIpr();
            maxIpr[j] = r.maxIpr();
        }
        return new DashboardData.PruningCurve(round, iteration, sparsity, meanIpr, maxIpr);
    }

    /** The updates of one type of this session, read incrementally from one worker. */
    private final class Stream {
        private final String typeId;
        private String workerId;
        private long lastTimestamp = -1;

        Stream(String typeId) {
            this.typeId = typeId;
        }

        /** Hands the updates newer than the last one read, oldest first, to {@code sink}. */
        void read(Consumer<Persistable> sink) {
            if (workerId == null) {
                workerId = storage.listWorkerIDsForSessionAndType(sessionId, typeId).stream().sorted()
                        .findFirst().orElse(null);
                if (workerId == null) {
                    return;
                }
            }
            for (Persistable p : storage.getAllUpdatesAfter(sessionId, typeId, workerId, lastTimestamp)) {
                sink.accept(p);
                lastTimestamp = p.getTimeStamp();
            }
        }
    }
}
