package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.DataModelType;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork.Architecture;
import io.github.dl4jlocalization.experiment.DeepFieldsRun;
import io.github.dl4jlocalization.experiment.FieldPlots;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.JsonLinesRecordSink;
import io.github.dl4jlocalization.rf.InputRegion;
import io.github.dl4jlocalization.rf.TheoreticalReceptiveField;
import io.github.dl4jlocalization.sweep.DeepFieldsTask;
import io.github.dl4jlocalization.util.Require;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code figure deep-fields}: how the effective receptive fields of the hidden units of deeper
 * networks localize (or not) during training, on NLGP and on its Gaussian clone, next to their
 * theoretical fields. Three networks ({@link DeepFieldNetwork}): a 1-D CNN with circular padding
 * and a fully connected network with two hidden layers on the 1-D task of {@code base}, and a 2-D
 * CNN on the 2-D version of the task (L = {@code imageLength}, batch {@code imageBatch}); each on
 * {@code nlgp} and {@code nlgp-clone}, seeds {@code 0..seeds-1}, as resumable sweeps of
 * {@link DeepFieldsTask} units. Every {@code recordEvery} steps each hidden unit's effective field
 * (the gradient of its activation, at the centre of a feature map, with respect to the input,
 * averaged over the held-out evaluation batch) and its IPR and width are recorded, for both hidden
 * layers. Written:
 * <ul>
 *   <li>{@value #CSV}: {@code architecture,model,seed,layer,step,meanIpr,maxIpr,meanWidth};</li>
 *   <li>{@value #PNG}: mean IPR over the units against the step (mean over seeds), NLGP black and
 *       the clone red, per architecture (columns) and hidden layer (rows), with the IPR of a field
 *       spread evenly over the theoretical region (1 / its sites, dashed);</li>
 *   <li>{@value #RF_PNG}: per architecture and data model (rows), seed 0's most localized
 *       second-layer unit at step 0 and at the end, and the most localized first-layer unit at the
 *       end (columns), with the theoretical region (shaded on a line, named in the title of an
 *       image);</li>
 *   <li>{@value FigureSummary#FILE}: per architecture, model and layer the first and last mean IPR
 *       and width, the theoretical region's size, the accuracy, and a verdict per architecture and
 *       layer: the claim holds when the final mean IPR on NLGP is at least {@value #MORE_LOCALIZED}
 *       times that on the clone (the clone, with the same covariance, is the control).</li>
 * </ul>
 *
 * @param base        the 1-D task and training (data, lr, batch, steps, recordEvery, evalSize,
 *                    activation, initScale, seed ignored)
 * @param imageLength the side L of the 2-D CNN's L x L inputs, >= 2
 * @param imageBatch  the 2-D CNN's batch, >= 1
 * @param cnn1d       the 1-D CNN
 * @param cnn2d       the 2-D CNN
 * @param fcn         the fully connected network
 * @param seeds       seeds per network and model, >= 1
 */
public record DeepFieldsFigure(RunConfig base, int imageLength, int imageBatch, DeepFieldNetwork cnn1d,
                               DeepFieldNetwork cnn2d, DeepFieldNetwork fcn, int seeds) implements Figure {
    /** The figure's name. */
    public static final String NAME = "deep-fields";
    /** Per-record table. */
    public static final String CSV = "deep-fields.csv";
    /** IPR against the step. */
    public static final String PNG = "deep-fields.png";
    /** Fields at the start and the end. */
    public static final String RF_PNG = "deep-fields-rfs.png";
    /** The models compared. */
    public static final List<String> MODELS = List.of("nlgp", "nlgp-clone");
    /**
     * The claim holds for a layer when its final mean IPR on NLGP is at least this many times that
     * on the clone (a margin over the record-to-record fluctuations of a single seed, about 10 %).
     */
    public static final double MORE_LOCALIZED = 1.2;

    /** Validates. */
    public DeepFieldsFigure {
        Require.nonNull("base", base);
        Require.atLeast("imageLength", imageLength, 2);
        Require.atLeast("imageBatch", imageBatch, 1);
        Require.that(cnn1d != null && cnn1d.architecture() == Architecture.CNN1D, "cnn1d", cnn1d, "a CNN1D");
        Require.that(cnn2d != null && cnn2d.architecture() == Architecture.CNN2D, "cnn2d", cnn2d, "a CNN2D");
        Require.that(fcn != null && fcn.architecture() == Architecture.FCN, "fcn", fcn, "an FCN");
        Require.atLeast("seeds", seeds, 1);
        Require.that(base.data().dim() == 1, "dim", base.data().dim(), "1 (the 2-D CNN's task is derived)");
        for (DeepFieldNetwork n : List.of(cnn1d, cnn2d, fcn)) {
            n.configuration(config(base, imageLength, imageBatch, n, MODELS.get(0)));   // kernels vs inputs
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String claim() {
        return "Localized receptive fields emerge from the non-Gaussian structure of the inputs: NLGP localizes, its "
                + "Gaussian clone does not (docs/science.md 8, claim 10); asked here of the effective receptive fields "
                + "of the hidden units of deeper networks (1-D and 2-D CNNs, a two-hidden-layer FCN), which the papers "
                + "do not study";
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base.toMap());
        m.put("imageLength", imageLength);
        m.put("imageBatch", imageBatch);
        m.put("networks", List.of(cnn1d.toString(), cnn2d.toString(), fcn.toString()));
        m.put("models", MODELS);
        m.put("seeds", seeds);
        m.put("moreLocalized", "final mean IPR on NLGP >= " + MORE_LOCALIZED + " x on the clone");
        return m;
    }

    /** The run configuration of {@code network} on {@code model}. */
    private RunConfig config(DeepFieldNetwork network, String model) {
        return config(base, imageLength, imageBatch, network, model);
    }

    private static RunConfig config(RunConfig base, int imageLength, int imageBatch, DeepFieldNetwork network,
                                    String model) {
        RunConfig.Builder b = base.toBuilder().set(DataModelConfig.MODEL, model);
        if (network.architecture() == Architecture.CNN2D) {
            b.set(DataModelType.DIM, 2).set(DataModelType.LENGTH, imageLength).batch(imageBatch);
        }
        return b.build();
    }

    /** One unit's records and result. */
    private record Run(DeepFieldNetwork network, String model, long seed, FigureSweeps.Finished unit,
                       List<EffectiveReceptiveFieldRecord> records) {
        List<EffectiveReceptiveFieldRecord> layer(String layer) {
            return records.stream().filter(r -> r.layer().equals(layer)).toList();
        }
    }

    @Override
    public Map<String, Object> produce(FigureSweeps sweeps, Path out) {
        List<Run> runs = new ArrayList<>();
        for (DeepFieldNetwork network : List.of(cnn1d, cnn2d, fcn)) {
            RunConfig c = config(network, MODELS.get(0));
            Map<String, Object> grid = FigureUnits.grid(c, Map.of(), Map.of("data.model", MODELS),
                    FigureUnits.seeds(seeds));
            grid.put("task", new DeepFieldsTask(network).toMap());
            for (FigureSweeps.Finished f : sweeps.run(network.architecture().key(), grid)) {
                runs.add(new Run(network, (String) f.axis("data.model"), ((Number) f.axis("seed")).longValue(), f,
                        JsonLinesRecordSink.read(f.dir().resolve(DeepFieldsRun.FIELDS),
                                EffectiveReceptiveFieldRecord.class)));
            }
        }
        CsvTable table = new CsvTable("architecture", "model", "seed", "layer", "step", "meanIpr", "maxIpr",
                "meanWidth");
        for (Run r : runs) {
            for (EffectiveReceptiveFieldRecord e : r.records()) {
                table.row(r.network().architecture().key(), r.model(), r.seed(), e.layer(), e.iteration(), e.meanIpr(),
                        e.maxIpr(), e.meanWidth());
            }
        }
        table.write(out.resolve(CSV));
        Map<String, Object> measured = new LinkedHashMap<>();
        Map<String, String> verdicts = new LinkedHashMap<>();
        List<XYChart> curves = new ArrayList<>();
        for (String layer : DeepFieldNetwork.HIDDEN_LAYERS) {
            for (DeepFieldNetwork network : List.of(cnn1d, cnn2d, fcn)) {
                String key = network.architecture().key();
                InputRegion region = region(network, layer);
                XYChart chart = Plots.lineChart(String.format(Locale.ROOT, "%s %s (theoretical field %d sites)",
                        network, layer, region.size()), "SGD step", "mean IPR of the effective fields");
                chart.getStyler().setYAxisDecimalPattern("0.0##");
                Map<String, Object> perModel = new LinkedHashMap<>();
                double[][] growth = new double[MODELS.size()][];
                double[] span = null;
                for (int m = 0; m < MODELS.size(); m++) {
                    String model = MODELS.get(m);
                    List<Run> of = runs.stream().filter(r -> r.network().equals(network) && r.model().equals(model))
                            .toList();
                    if (of.isEmpty()) {
                        continue;
                    }
                    TreeMap<Long, double[]> curve = meanCurve(of, layer);
                    double[] steps = curve.keySet().stream().mapToDouble(Long::doubleValue).toArray();
                    double[] ipr = curve.values().stream().mapToDouble(v -> v[0]).toArray();
                    Plots.line(chart.addSeries(model.equals("nlgp") ? "NLGP" : "Gaussian clone", steps, ipr),
                            Plots.seriesColour(m), false);
                    span = new double[] {steps[0], steps[steps.length - 1]};
                    double initial = ipr[0];
                    double last = ipr[ipr.length - 1];
                    growth[m] = new double[] {initial, last};
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("initialMeanIpr", initial);
                    row.put("finalMeanIpr", last);
                    row.put("initialMeanWidth", curve.firstEntry().getValue()[1]);
                    row.put("finalMeanWidth", curve.lastEntry().getValue()[1]);
                    row.put("accuracy", of.stream().mapToDouble(r -> r.unit().result().accuracy()).average()
                            .orElse(Double.NaN));
                    row.put("seeds", of.size());
                    perModel.put(model, row);
                }
                double even = 1.0 / region.size();
                if (span != null) {
                    Plots.line(chart.addSeries("spread evenly over the theoretical field", span,
                            new double[] {even, even}), java.awt.Color.GRAY, true);
                }
                curves.add(chart);
                perModel.put("theoreticalSites", region.size());
                measured.put(key + "." + layer, perModel);
                verdicts.put(key + "." + layer, verdict(growth));
            }
        }
        Plots.saveGrid(curves, DeepFieldNetwork.HIDDEN_LAYERS.size(), 3, out.resolve(PNG));
        List<String> files = new ArrayList<>(List.of(CSV, PNG));
        if (fields(runs, out.resolve(RF_PNG))) {
            files.add(RF_PNG);
        }
        measured.put("files", files);
        measured.put("verdicts", verdicts);
        return measured;
    }

    /** Per step: the mean over runs of the layer's mean IPR and mean width. */
    private static TreeMap<Long, double[]> meanCurve(List<Run> runs, String layer) {
        TreeMap<Long, double[]> sums = new TreeMap<>();
        for (Run r : runs) {
            for (EffectiveReceptiveFieldRecord e : r.layer(layer)) {
                double[] s = sums.computeIfAbsent(e.iteration(), k -> new double[3]);
                s[0] += e.meanIpr();
                s[1] += e.meanWidth();
                s[2]++;
            }
        }
        TreeMap<Long, double[]> mean = new TreeMap<>();
        sums.forEach((step, s) -> mean.put(step, new double[] {s[0] / s[2], s[1] / s[2]}));
        return mean;
    }

    /**
     * E.g. {@code "NLGP mean IPR 0.058 -> 0.065, clone 0.059 -> 0.044: NLGP/clone 1.48 at the end:
     * more localized on NLGP"}: the claim holds for a layer when its final mean IPR on NLGP is at
     * least {@value #MORE_LOCALIZED} times that on the clone.
     */
    private static String verdict(double[][] growth) {
        if (growth[0] == null || growth[1] == null) {
            return "not tested: a model's runs all failed";
        }
        double ratio = growth[0][1] / growth[1][1];
        return String.format(Locale.ROOT, "NLGP mean IPR %.3f -> %.3f, clone %.3f -> %.3f: NLGP/clone %.2f at the "
                + "end: %s", growth[0][0], growth[0][1], growth[1][0], growth[1][1], ratio, ratio >= MORE_LOCALIZED
                ? "more localized on NLGP (consistent with the claim)"
                : ratio <= 1 / MORE_LOCALIZED ? "more localized on the clone (against the claim)"
                : "no difference beyond " + MORE_LOCALIZED + "x (not reproduced at these settings)");
    }

    /** The theoretical region of the central unit of {@code layer}. */
    private InputRegion region(DeepFieldNetwork network, String layer) {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(network.configuration(config(network,
                MODELS.get(0))));
        return rf.region(layer, rf.centre(layer));
    }

    /**
     * Seed 0's fields: per network and model a row of its most localized second-layer unit at step
     * 0 and at the end, and its most localized first-layer unit at the end. False when a run of
     * seed 0 is missing (failed).
     */
    private boolean fields(List<Run> runs, Path png) {
        List<Chart<?, ?>> panels = new ArrayList<>();
        int rows = 0;
        for (DeepFieldNetwork network : List.of(cnn1d, cnn2d, fcn)) {
            for (String model : MODELS) {
                Run r = runs.stream().filter(x -> x.network().equals(network) && x.model().equals(model)
                        && x.seed() == 0).findFirst().orElse(null);
                if (r == null) {
                    return false;
                }
                List<EffectiveReceptiveFieldRecord> second = r.layer(DeepFieldNetwork.HIDDEN_LAYERS.get(1));
                List<EffectiveReceptiveFieldRecord> first = r.layer(DeepFieldNetwork.HIDDEN_LAYERS.get(0));
                EffectiveReceptiveFieldRecord end = second.get(second.size() - 1);
                int unit = mostLocalized(end);
                String name = network.architecture().name() + " " + (model.equals("nlgp") ? "NLGP" : "clone");
                panels.add(panel(name, second.get(0), unit, network));
                panels.add(panel(name, end, unit, network));
                EffectiveReceptiveFieldRecord firstEnd = first.get(first.size() - 1);
                panels.add(panel(name, firstEnd, mostLocalized(firstEnd), network));
                rows++;
            }
        }
        Plots.saveGrid(panels, rows, 3, png);
        return true;
    }

    /**
     * A unit's field, titled e.g. {@code "CNN1D NLGP layer1 c3 t=1000 IPR 0.080"}; the watched
     * units of a record share the central unit's region (channels at the centre, or dense units).
     */
    private Chart<?, ?> panel(String name, EffectiveReceptiveFieldRecord r, int unit, DeepFieldNetwork network) {
        String u = r.units()[unit];
        String title = String.format(Locale.ROOT, "%s %s t=%d IPR %.3f", name, u.substring(0,
                u.contains(" @") ? u.indexOf(" @") : u.length()), r.iteration(), r.ipr()[unit]);
        return FieldPlots.panel(title, r.fields()[unit], r.inputShape(),
                r.inputShape().length == 1 ? region(network, r.layer()) : null, 380, 260);
    }

    /** The unit with the largest IPR (the first when all are NaN). */
    private static int mostLocalized(EffectiveReceptiveFieldRecord r) {
        int best = 0;
        for (int k = 0; k < r.ipr().length; k++) {
            if (!Double.isNaN(r.ipr()[k]) && (Double.isNaN(r.ipr()[best]) || r.ipr()[k] > r.ipr()[best])) {
                best = k;
            }
        }
        return best;
    }
}
