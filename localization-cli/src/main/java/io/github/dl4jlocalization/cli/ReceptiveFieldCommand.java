package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.FieldPlots;
import io.github.dl4jlocalization.experiment.Plots;
import io.github.dl4jlocalization.rf.EffectiveReceptiveField;
import io.github.dl4jlocalization.rf.FieldStatistics;
import io.github.dl4jlocalization.rf.InputRegion;
import io.github.dl4jlocalization.rf.NetworkUnit;
import io.github.dl4jlocalization.rf.TheoreticalReceptiveField;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;

/**
 * {@code localization receptive-field FILE}: the theoretical receptive field of every layer of a
 * DL4J network ({@link TheoreticalReceptiveField#summary()}), read from a model zip written by
 * {@code ModelSerializer} (a run's {@code checkpoint/}) or a {@code MultiLayerConfiguration} /
 * {@code ComputationGraphConfiguration} as JSON or YAML; with {@code --layer}, the input region of
 * one unit; with {@code --effective}, that unit's effective receptive field on a batch of a data
 * model (the data flags of {@code sample}), its IPR, width and centre, optionally drawn.
 * A configuration file has no weights: its network is initialised as DL4J does, from the
 * configuration's own seed.
 */
@Command(name = "receptive-field", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the receptive field of every layer of a DL4J network (model zip or configuration file).",
            "Per layer and input axis: field size, jump and start; with --layer the region a unit sees, with "
                    + "--effective its effective field (input gradient averaged over a data model's batch)."})
final class ReceptiveFieldCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE",
            description = "A model zip (ModelSerializer) or a configuration file (.json or .yaml/.yml).")
    Path file;

    @Option(names = "--input-type", paramLabel = "TYPE",
            description = "The input when the network does not fix it: ff:D, image:H,W,C, flat-image:H,W,C or "
                    + "sequence:C,T (default: inferred from the first layer, or from --length/--dim with --effective).")
    String inputType;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "A layer name or index: print the region of one unit.")
    String layer;

    @Option(names = "--channel", paramLabel = "C", defaultValue = "-1",
            description = "The unit's channel (a dense layer's unit); -1 for every channel (default ${DEFAULT-VALUE}).")
    int channel;

    @Option(names = "--position", paramLabel = "P[,Q]",
            description = "The unit's position on the layer's map (default: its centre).")
    String position;

    @Option(names = "--effective", description = "Also compute the unit's effective receptive field on data.")
    boolean effective;

    @Mixin
    DataOptions data;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Inputs averaged over with --effective (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Data seed of the --effective batch (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "With --effective: draw the field.")
    Path plot;

    @Override
    public Integer call() {
        Require.that(Files.isRegularFile(file) && Files.isReadable(file), "FILE", file,
                "a readable model zip or configuration file");
        Require.that(layer != null || (!effective && position == null && plot == null), "--layer", null,
                "given with --effective, --position and --plot");
        Require.that(plot == null || effective, "--plot", plot, "given with --effective only");
        Require.atLeast("batch", batch, 1);
        if (plot != null) {
            AtomicFiles.checkWritableParent(plot);
        }
        Model network = load(file);
        DataModel model = effective ? data.toConfig().build() : null;
        TheoreticalReceptiveField fields = fields(network, model);
        System.out.print(fields.summary());
        if (layer == null) {
            return 0;
        }
        long[] where = position == null ? fields.centre(layer) : parsePosition(position);
        InputRegion region = fields.region(layer, where);
        NetworkUnit unit = new NetworkUnit(fields.layer(layer).name(), channel, where);
        System.out.println("Region of " + unit + ": " + region + " (" + region.size() + " sites)");
        if (effective) {
            EffectiveReceptiveField erf = effectiveField(network, fields, unit, model);
            FieldStatistics s = erf.statistics();
            System.out.printf(Locale.ROOT, "Effective field of %s on %d inputs of %s: %s%n", erf.unit(), erf.examples(),
                    model.description(), s);
            if (plot != null) {
                Plots.save(FieldPlots.panel(String.format(Locale.ROOT, "%s: IPR %.3f, %d sites hold 90%%; region %s",
                        erf.unit(), s.ipr(), s.width(), region), erf.mean(), erf.input().shape(), region, 700, 420),
                        plot);
                System.out.println("wrote " + plot);
            }
        }
        return 0;
    }

    /** The network's fields on the input type given, inferred, or implied by the data model. */
    private TheoreticalReceptiveField fields(Model network, DataModel model) {
        if (inputType != null) {
            return TheoreticalReceptiveField.of(network, parseInputType(inputType));
        }
        try {
            return TheoreticalReceptiveField.of(network);
        } catch (IllegalArgumentException cannotInfer) {
            if (model == null) {
                throw new IllegalArgumentException(cannotInfer.getMessage().replace("give it, e.g.",
                        "give --input-type, e.g. ff:D, image:H,W,C, sequence:C,T; in Java"));
            }
            return TheoreticalReceptiveField.of(network, InputType.feedForward(model.dimension()));
        }
    }

    private EffectiveReceptiveField effectiveField(Model network, TheoreticalReceptiveField fields, NetworkUnit unit,
                                                   DataModel model) {
        int sites = fields.input().sites() * (int) fields.input().channels();
        Require.that(model.dimension() == sites, "data dimension", model.dimension(),
                "the network's input size " + sites + " (" + fields.input() + "): set --length and --dim");
        LabelledBatch b = new BatchSampler(model, seed).sample(0, batch);
        var inputs = Nd4j.create(b.features(), new long[] {batch, model.dimension()}, 'c');
        long[] shape = fields.input().inputType().getShape(true);
        shape[0] = batch;
        return EffectiveReceptiveField.of(network, fields, unit, inputs.reshape('c', shape));
    }

    /** A model zip or a configuration file (JSON or YAML, multi-layer or graph), initialised. */
    static Model load(Path file) {
        try {
            if (isZip(file)) {
                String conf;
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    var entry = zip.getEntry("configuration.json");
                    Require.that(entry != null, "FILE", file, "a DL4J model zip (ModelSerializer), with a "
                            + "configuration.json");
                    try (InputStream in = zip.getInputStream(entry)) {
                        conf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
                return conf.contains("\"vertices\"") ? ModelSerializer.restoreComputationGraph(file.toFile(), false)
                        : ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            }
            String text = Files.readString(file);
            boolean json = text.stripLeading().startsWith("{");
            boolean graph = text.contains("vertices");
            try {
                if (graph) {
                    ComputationGraphConfiguration conf = json ? ComputationGraphConfiguration.fromJson(text)
                            : ComputationGraphConfiguration.fromYaml(text);
                    ComputationGraph g = new ComputationGraph(conf);
                    g.init();
                    return g;
                }
                MultiLayerConfiguration conf = json ? MultiLayerConfiguration.fromJson(text)
                        : MultiLayerConfiguration.fromYaml(text);
                MultiLayerNetwork net = new MultiLayerNetwork(conf);
                net.init();
                return net;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("FILE must be a DL4J model zip or a MultiLayerConfiguration / "
                        + "ComputationGraphConfiguration as JSON or YAML, got " + file + " (" + e.getMessage() + ")",
                        e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        }
    }

    /** {@code ff:D}, {@code image:H,W,C}, {@code flat-image:H,W,C}, {@code sequence:C,T}. */
    static InputType parseInputType(String text) {
        String accepted = "ff:D, image:H,W,C, flat-image:H,W,C or sequence:C,T with positive integers";
        int colon = text.indexOf(':');
        Require.that(colon > 0, "--input-type", text, accepted);
        long[] n;
        try {
            n = Arrays.stream(text.substring(colon + 1).split(",")).mapToLong(v -> Long.parseLong(v.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--input-type must be " + accepted + ", got '" + text + "'");
        }
        Require.that(Arrays.stream(n).allMatch(v -> v > 0), "--input-type", text, accepted);
        String kind = text.substring(0, colon);
        int count = switch (kind) {
            case "ff" -> 1;
            case "sequence" -> 2;
            case "image", "flat-image" -> 3;
            default -> -1;
        };
        Require.that(count == n.length, "--input-type", text, accepted);
        return switch (kind) {
            case "ff" -> InputType.feedForward(n[0]);
            case "sequence" -> InputType.recurrent(n[0], n[1]);
            case "image" -> InputType.convolutional(n[0], n[1], n[2]);
            default -> InputType.convolutionalFlat(n[0], n[1], n[2]);
        };
    }

    private static long[] parsePosition(String text) {
        try {
            return Arrays.stream(text.split(",")).mapToLong(v -> Long.parseLong(v.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--position must be integers separated by commas, got '" + text + "'");
        }
    }
}
