package io.github.dl4jlocalization.examples;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.iterators.SamplingMode;
import io.github.dl4jlocalization.listeners.CsvRecordSink;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import io.github.dl4jlocalization.rf.EffectiveReceptiveField;
import io.github.dl4jlocalization.rf.FieldStatistics;
import io.github.dl4jlocalization.rf.InputRegion;
import io.github.dl4jlocalization.rf.NetworkUnit;
import io.github.dl4jlocalization.rf.TheoreticalReceptiveField;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What does my network see? A convolutional network of your own, configured as DL4J's MNIST
 * examples are (flattened images, {@code InputType.convolutionalFlat}), trained on 12 x 12 NLGP
 * images: the theoretical receptive field of every layer (what a unit can see, from the layers
 * alone), the effective receptive field of a unit (the input sites it actually weighs, averaged
 * over held-out images) before and after training, and the effective fields of every channel of
 * the second convolution recorded during training into CSV and a DL4J stats file for the
 * dashboard.
 *
 * <p>Arguments: {@code [steps (default 300)] [output directory (default runs/receptive-field-example)]}.
 */
public final class ReceptiveFieldExample {
    private ReceptiveFieldExample() {
    }

    public static void main(String[] args) throws IOException {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path out = Path.of(args.length > 1 ? args[1] : "runs/receptive-field-example");
        Files.createDirectories(out);
        int side = 12;

        // NLGP images (g = 3) of two classes, one-hot labels; a fixed held-out set of its own seed.
        NlgpModel images = new NlgpModel(3, new ClassPair(0.3, 0.7), side, 2, Support.SYMMETRIC);
        DataSetIterator train = new DataModelDataSetIterator.Builder(images)
                .batchSize(100).batchesPerEpoch(steps).seed(1).build();
        DataSetIterator testIterator = new DataModelDataSetIterator.Builder(images)
                .batchSize(500).batchesPerEpoch(1).seed(2).mode(SamplingMode.FIXED).build();

        // Your network: two 3x3 convolutions, global average pooling, a softmax classifier.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).updater(new Adam(1e-2))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(side, side, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        // The theoretical fields: per layer, the field size, jump and start along each axis.
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(net);           // or of(conf, InputType.convolutional(28, 28, 1))
        System.out.println(rf.summary());                                          // the table, like net.summary()
        InputRegion region = rf.region("layer1", rf.centre("layer1"));             // what the central unit can see
        System.out.println("the central unit of layer1 sees " + region);

        // The effective field of channel 3 of layer1 at the centre of the map, on held-out images.
        INDArray heldOut = testIterator.next().getFeatures();                    // never trained on
        EffectiveReceptiveField before = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer1", 3), heldOut);
        System.out.println("before training: " + before.statistics());

        // During training: the effective fields of every channel of layer1, to CSV and to the UI's storage.
        StatsStorage statsStorage = new FileStatsStorage(out.resolve("stats.bin").toFile());
        net.setListeners(new ScoreIterationListener(100));
        net.addListeners(new EffectiveReceptiveFieldListener.Builder(100)         // every 100 steps
                .layer("layer1").heldOutBatch(heldOut)
                .sink(new CsvRecordSink<>(out.resolve("effective-fields.csv"), false))
                .sink(new StatsStorageRecordSink(statsStorage))                  // the dashboard's page
                .build());
        try {
            net.fit(train);
        } finally {
            statsStorage.close();
        }

        EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer1", 3), heldOut);
        FieldStatistics s = erf.statistics();                                      // s.ipr(), s.width(), s.centre()
        double[] field = erf.mean();                                               // d unit / d x per input site
        System.out.printf("after %d steps: IPR %.4f, %d of %d sites hold %.0f%% of the field's mass, centre %s%n",
                steps, s.ipr(), s.width(), field.length, 100 * s.massFraction(), Arrays.toString(s.centre()));
        System.out.println("effective fields of layer1 every 100 steps: " + out.resolve("effective-fields.csv"));
    }
}
