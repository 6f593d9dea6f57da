package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.rf.EffectiveReceptiveField;
import io.github.dl4jlocalization.rf.FieldStatistics;
import io.github.dl4jlocalization.rf.InputGeometry;
import io.github.dl4jlocalization.rf.LayerField;
import io.github.dl4jlocalization.rf.NetworkUnit;
import io.github.dl4jlocalization.rf.TheoreticalReceptiveField;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records the effective receptive fields of a layer's units during training: every
 * {@code frequency} parameter updates (or epochs, with {@link InvocationType#EPOCH_END}) it
 * computes, for each watched unit, the gradient of the unit with respect to the input averaged
 * over a fixed held-out batch ({@link EffectiveReceptiveField}, DL4J's own backpropagation in
 * inference mode), and its IPR, width and centre ({@link FieldStatistics}); logs a one-line
 * summary through SLF4J (INFO) and hands an {@link EffectiveReceptiveFieldRecord} to its sinks:
 * {@link InMemoryRecordSink}, {@link CsvRecordSink}, {@link JsonLinesRecordSink} (with the fields),
 * {@link StatsStorageRecordSink} (the dashboard's page).
 *
 * <p>By default the watched units are every channel of the layer at the centre of its feature
 * map ({@link TheoreticalReceptiveField#centre}), or every unit of a dense layer. A field
 * localizes when its IPR grows and its width shrinks over training; for the first layer of a
 * dense network it is the unit's weight vector scaled by the mean slope of its activation, so its
 * IPR is the weights' IPR that {@link ReceptiveFieldListener} records.
 *
 * <h2>Adding it to an existing pipeline</h2>
 * <pre>{@code
 * INDArray heldOut = testIterator.next().getFeatures();                 // not used for training
 * EffectiveReceptiveFieldListener fields = new EffectiveReceptiveFieldListener.Builder(100)   // every 100 steps
 *         .layer("layer1").heldOutBatch(heldOut)
 *         .sink(new CsvRecordSink<>(Path.of("runs/erf.csv"), false))
 *         .sink(new StatsStorageRecordSink(statsStorage))                 // the dashboard's page
 *         .build();
 * net.addListeners(fields);
 * fields.recordNow(net);                                                // step 0
 * net.fit(trainIterator, epochs);
 * }</pre>
 * Its cost per record is one forward pass of the held-out batch to the layer and one backward pass
 * per watched unit; the network's state (parameters, the training step's gradient) is left unchanged.
 *
 * <p>Serializable when its sinks are (the held-out batch is kept as a Java array).
 */
public class EffectiveReceptiveFieldListener extends RecordingListener<EffectiveReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    private final String layer;
    private final List<NetworkUnit> units;
    private final double[] heldOut;
    private final long[] heldOutShape;
    private final double massFraction;
    private final boolean snapshotFields;
    private transient INDArray heldOutArray;
    private transient TheoreticalReceptiveField fields;
    private transient List<NetworkUnit> resolved;

    /**
     * Records every {@code frequency} iterations the fields of every channel (or dense unit) of
     * {@code layer} on {@code heldOut}, with the fields, into {@code sink}.
     */
    public EffectiveReceptiveFieldListener(int frequency, String layer, INDArray heldOut,
                                           RecordSink<? super EffectiveReceptiveFieldRecord> sink) {
        this(new Builder(frequency).layer(layer).heldOutBatch(heldOut).sink(sink));
    }

    private EffectiveReceptiveFieldListener(Builder b) {
        super(b);
        this.layer = Require.nonNull("layer", b.layer);
        Require.that(b.heldOut != null, "heldOutBatch", null, "given (the inputs the fields are averaged over)");
        this.units = List.copyOf(b.units);
        this.heldOut = b.heldOut;
        this.heldOutShape = b.heldOutShape;
        this.massFraction = b.massFraction;
        this.snapshotFields = b.snapshotFields;
        for (NetworkUnit u : units) {
            Require.that(u.layer().equals(layer), "unit", u, "a unit of layer " + layer);
        }
    }

    /** The network's theoretical fields and the watched units, worked out at the first record. */
    private void prepare(Model model) {
        if (resolved != null) {
            return;
        }
        heldOutArray = Nd4j.create(heldOut, heldOutShape, 'c');
        TheoreticalReceptiveField rf;
        try {
            rf = TheoreticalReceptiveField.of(model);
        } catch (IllegalArgumentException cannotInfer) {
            rf = TheoreticalReceptiveField.of(model, inputType(heldOutShape));
        }
        LayerField f = rf.layer(layer);
        List<NetworkUnit> chosen = new ArrayList<>(units);
        if (chosen.isEmpty()) {
            long channels = channels(f.outputType());
            for (int c = 0; c < channels; c++) {
                chosen.add(NetworkUnit.centre(layer, c));
            }
        }
        fields = rf;
        resolved = List.copyOf(chosen);
    }

    private static InputType inputType(long[] shape) {
        return switch (shape.length) {
            case 2 -> InputType.feedForward(shape[1]);
            case 3 -> InputType.recurrent(shape[1], shape[2]);
            default -> InputType.convolutional(shape[2], shape[3], shape[1]);
        };
    }

    private static long channels(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getChannels();
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            return r.getSize();
        }
        return type.arrayElementsPerExample();
    }

    /** The fields of the watched units now. */
    @Override
    protected EffectiveReceptiveFieldRecord measure(Model model, long step, int epoch) {
        prepare(model);
        int n = resolved.size();
        String[] names = new String[n];
        double[] ipr = new double[n];
        int[] width = new int[n];
        double[] secondMoment = new double[n];
        double[][] centre = new double[n][];
        double[][] snapshots = snapshotFields ? new double[n][] : null;
        List<EffectiveReceptiveField> measured = EffectiveReceptiveField.of(model, fields, resolved, heldOutArray);
        for (int k = 0; k < n; k++) {
            EffectiveReceptiveField erf = measured.get(k);
            FieldStatistics s = erf.statistics(massFraction);
            names[k] = erf.unit().toString();
            ipr[k] = s.ipr();
            width[k] = s.width();
            secondMoment[k] = s.secondMomentWidth();
            centre[k] = s.centre();
            if (snapshots != null) {
                snapshots[k] = erf.mean();
            }
        }
        InputGeometry input = fields.input();
        return new EffectiveReceptiveFieldRecord(step, epoch, model.score(), fields.layer(layer).name(), input.shape(),
                input.periodic(), names, ipr, massFraction, width, secondMoment, centre, snapshots,
                System.currentTimeMillis());
    }

    @Override
    protected String summarize(EffectiveReceptiveFieldRecord r) {
        return String.format(java.util.Locale.ROOT, "effective fields of %s: mean IPR %.4f, max IPR %.4f, mean width "
                + "%.1f sites (%d units)", r.layer(), r.meanIpr(), r.maxIpr(), r.meanWidth(), r.unitCount());
    }

    @Override
    protected String settings() {
        return "layer=" + layer + ", units=" + (units.isEmpty() ? "every channel at the centre" : units)
                + ", heldOut=" + Arrays.toString(heldOutShape) + ", massFraction=" + massFraction
                + ", snapshotFields=" + snapshotFields;
    }

    /** Configuration of an {@link EffectiveReceptiveFieldListener}; the layer and the held-out batch are required. */
    public static final class Builder extends RecordingListener.Builder<EffectiveReceptiveFieldRecord, Builder> {
        private String layer;
        private final List<NetworkUnit> units = new ArrayList<>();
        private double[] heldOut;
        private long[] heldOutShape;
        private double massFraction = FieldStatistics.DEFAULT_MASS_FRACTION;
        private boolean snapshotFields = true;

        /** @param frequency record every this many updates (or epochs), >= 1 */
        public Builder(int frequency) {
            super(frequency);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The layer whose units are watched: its name, or its index in a multi-layer network. */
        public Builder layer(String layer) {
            this.layer = Require.nonNull("layer", layer);
            return this;
        }

        /** Watches {@code unit} (of the builder's layer); by default every channel at the centre. */
        public Builder unit(NetworkUnit unit) {
            units.add(Require.nonNull("unit", unit));
            return this;
        }

        /**
         * The inputs the gradients are averaged over, in the network's input shape ({@code [B, D]},
         * {@code [B, C, H, W]}, ...), B >= 1, finite (copied).
         */
        public Builder heldOutBatch(INDArray inputs) {
            Require.nonNull("heldOutBatch", inputs);
            Require.that(inputs.rank() >= 2 && inputs.rank() <= 4 && inputs.size(0) >= 1, "heldOutBatch shape",
                    Arrays.toString(inputs.shape()), "[B, ...] of rank 2 to 4 with B >= 1");
            double[] copy = inputs.dup('c').data().asDouble();
            for (double v : copy) {
                Require.finite("heldOutBatch entry", v);
            }
            this.heldOut = copy;
            this.heldOutShape = inputs.shape();
            return this;
        }

        /** The mass fraction q of the recorded width, in (0, 1] (default 0.9). */
        public Builder massFraction(double q) {
            Require.that(q > 0 && q <= 1, "massFraction", q, "a fraction in (0, 1]");
            this.massFraction = q;
            return this;
        }

        /** Whether records carry the fields over the input sites (default true). */
        public Builder snapshotFields(boolean snapshot) {
            this.snapshotFields = snapshot;
            return this;
        }

        /** The listener. */
        public EffectiveReceptiveFieldListener build() {
            return new EffectiveReceptiveFieldListener(this);
        }
    }
}
