package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.listeners.JsonLinesRecordSink;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.rf.InputRegion;
import io.github.dl4jlocalization.rf.TheoreticalReceptiveField;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains a {@link DeepFieldNetwork} on the task of a {@link RunConfig} (a {@link TrainingRun} on
 * the run's batches under its data seed, its learning rate, batch and steps) and records
 * the effective receptive fields of the units of both its hidden layers
 * ({@link EffectiveReceptiveFieldListener}: every channel at the centre of the map, or every dense
 * unit) at step 0, every
 * {@code recordEvery} steps and at the end, averaged over the run's evaluation batch (held out:
 * never trained on), next to the run's own records (the first layer's weights, the held-out loss).
 * Written into the run directory:
 * <ul>
 *   <li>{@value #FIELDS}: the records of both layers, one JSON line each, with the fields;</li>
 *   <li>{@value RunDirectory#SUMMARY}: the {@link RunSummary} (units = the second hidden layer's,
 *       their IPR and signed peak those of their final effective fields), the network, the
 *       theoretical region of each layer's central unit, and per layer the first and last
 *       records' mean IPR and width ({@link #measures});</li>
 *   <li>the final network under {@value RunDirectory#CHECKPOINTS}/ (a model zip for
 *       {@code receptive-field}).</li>
 * </ul>
 * A non-finite loss or parameter stops the run as {@link RunSummary.Status#DIVERGED}.
 */
public final class DeepFieldsRun {
    /** The effective-field records. */
    public static final String FIELDS = "effective-fields.jsonl";

    private final RunConfig config;
    private final DeepFieldNetwork network;
    private boolean prefetch = true;

    /**
     * @param config  the data, training and record schedule (its network options: activation, initScale)
     * @param network the architecture
     */
    public DeepFieldsRun(RunConfig config, DeepFieldNetwork network) {
        this.config = Require.nonNull("config", config);
        this.network = Require.nonNull("network", network);
        network.configuration(config);   // validates the architecture against the data
    }

    /** Whether batches are generated on a second thread (default true; the results are identical). */
    public DeepFieldsRun prefetch(boolean prefetch) {
        this.prefetch = prefetch;
        return this;
    }

    /** The theoretical fields of the network on the config's data. */
    public TheoreticalReceptiveField theoreticalField() {
        return TheoreticalReceptiveField.of(network.configuration(config));
    }

    /**
     * Trains into {@code dir} and writes every output.
     *
     * @return the summary and the effective-field records
     */
    public Result run(Path dir) {
        long started = System.nanoTime();
        RunDirectory directory = new RunDirectory(Require.nonNull("dir", dir));
        AtomicFiles.checkWritableParent(directory.path(RunDirectory.SUMMARY));
        DataModel model = config.dataModel();
        HeldOutBatch heldOut = HeldOutBatch.of(config, model, config.evalSize());
        MultiLayerNetwork net = network.network(config);
        InMemoryRecordSink<EffectiveReceptiveFieldRecord> memory = new InMemoryRecordSink<>();
        try (JsonLinesRecordSink<EffectiveReceptiveFieldRecord> file = new JsonLinesRecordSink<>(
                directory.path(FIELDS), false)) {
            TrainingRun.Builder builder = TrainingRun.builder(config.recordEvery()).reader(network.weightReader())
                    .heldOut(heldOut).metrics(config.learningRate()).prefetch(prefetch)
                    .checkpoints(directory.path(RunDirectory.CHECKPOINTS), 0, 0, started, null);
            for (String layer : DeepFieldNetwork.HIDDEN_LAYERS) {
                builder.recorder(new EffectiveReceptiveFieldListener.Builder(config.recordEvery()).layer(layer)
                        .heldOutBatch(heldOut.features()).sink(memory).sink(file).build());
            }
            TrainingRun run = builder.build();
            run.recordNow(net);
            TrainingRun.Outcome outcome = run.fit(net, TrainingRun.batches(config, model, 0, config.steps()));
            MetricsRow last = run.metricsRows().get(run.metricsRows().size() - 1);
            List<EffectiveReceptiveFieldRecord> records = memory.records();
            EffectiveReceptiveFieldRecord lastFields = records.get(records.size() - 1);   // the second layer's
            List<SignedPeak> peaks = new ArrayList<>();
            for (double[] f : lastFields.fields()) {
                peaks.add(LocalizationMetrics.signedPeak(f));
            }
            RunSummary.Status status = outcome.status();
            RunSummary summary = new RunSummary(status, outcome.steps(), config.steps(), outcome.lastLoss(),
                    last.evalLoss(), last.accuracy(), lastFields.iteration(), lastFields.ipr(), List.copyOf(peaks),
                    heldOut.inputKurtosis(), (System.nanoTime() - started) * 1e-9, Provenance.backend(),
                    Provenance.version(), Provenance.peakResidentBytes(),
                    status == RunSummary.Status.COMPLETED ? RunDirectory.CHECKPOINTS + "/" + outcome.checkpoint() : null,
                    List.of(), outcome.divergence() == null ? null : outcome.divergence().getMessage());
            return finish(directory, summary, records);
        }
    }

    private Result finish(RunDirectory directory, RunSummary summary, List<EffectiveReceptiveFieldRecord> records) {
        TheoreticalReceptiveField theory = theoreticalField();
        Map<String, Double> measures = new LinkedHashMap<>();
        Map<String, String> regions = new LinkedHashMap<>();
        for (String layer : DeepFieldNetwork.HIDDEN_LAYERS) {
            InputRegion region = theory.region(layer, theory.centre(layer));
            List<EffectiveReceptiveFieldRecord> of = records.stream().filter(r -> r.layer().equals(layer)).toList();
            measures.putAll(measures(layer, of.get(0), of.get(of.size() - 1), region));
            regions.put(layer, region.toString());
        }
        Map<String, Object> out = new LinkedHashMap<>(summary.toMap());
        out.put("network", network.toString());
        out.put("theoreticalRegions", regions);
        out.put("measures", measures);
        out.put("config", config.toMap());
        JsonFiles.write(directory.path(RunDirectory.SUMMARY), out);
        return new Result(summary, measures, records);
    }

    /**
     * For {@code layer} (e.g. {@code layer0}): {@code layer0InitialMeanIpr},
     * {@code layer0FinalMeanIpr}, {@code layer0InitialMeanWidth}, {@code layer0FinalMeanWidth}
     * (the first and last records' means over units) and {@code layer0TheoreticalSites}, the size
     * of the central unit's theoretical region.
     */
    static Map<String, Double> measures(String layer, EffectiveReceptiveFieldRecord first,
                                        EffectiveReceptiveFieldRecord last, InputRegion region) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(layer + "InitialMeanIpr", first.meanIpr());
        m.put(layer + "FinalMeanIpr", last.meanIpr());
        m.put(layer + "InitialMeanWidth", first.meanWidth());
        m.put(layer + "FinalMeanWidth", last.meanWidth());
        m.put(layer + "TheoreticalSites", (double) region.size());
        return m;
    }

    /**
     * What a run produced.
     *
     * @param summary  the run's summary
     * @param measures the effective fields' measures ({@link #measures})
     * @param records  the effective-field records, in step order, per step the first layer's then the second's
     */
    public record Result(RunSummary summary, Map<String, Double> measures,
                         List<EffectiveReceptiveFieldRecord> records) {
    }

    @Override
    public String toString() {
        return "DeepFieldsRun[" + network + ", " + config + "]";
    }
}
