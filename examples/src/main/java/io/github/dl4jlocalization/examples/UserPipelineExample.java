package io.github.dl4jlocalization.examples;

import io.github.dl4jlocalization.dashboard.LocalizationDashboard;
import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.iterators.SamplingMode;
import io.github.dl4jlocalization.listeners.CsvRecordSink;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.listeners.EvaluativeListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plugin in a DL4J pipeline you already have: YOUR network (your layers, Adam, a softmax
 * classifier), trained the DL4J way with {@code fit(iterator, epochs)}, on one of the plugin's
 * iterators, with the plugin's listeners next to DL4J's own, and the DL4J training UI with the
 * localization page.
 *
 * <p>The task: tell apart two classes of naturalistic 1-D signals (NLGP, gain 3, 40 pixels) that
 * differ only in their correlation length (0.3 and 0.7 pixels).
 * A hidden unit that localizes has most of its weight on a few neighbouring pixels; its IPR
 * (inverse participation ratio) goes from about 1/40 (spread out) towards 1 (one pixel).
 *
 * <p>Run: {@code mvn -q exec:java -Dexec.mainClass=io.github.dl4jlocalization.examples.UserPipelineExample
 * -Dexec.args="20 runs/user-pipeline 9000"} (epochs, output directory, UI port; port -1: no UI).
 * Writes {@code receptive-fields.csv} (IPR per hidden unit), {@code kurtosis.csv} (input and
 * pre-activation kurtosis) and {@code stats.bin} (DL4J stats storage; replay it in the UI later).
 */
public final class UserPipelineExample {
    private UserPipelineExample() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path out = Path.of(args.length > 1 ? args[1] : "runs/user-pipeline");
        int port = args.length > 2 ? Integer.parseInt(args[2]) : 9000;
        Files.createDirectories(out);

        // Training data: 50 fresh minibatches of 1000 samples per epoch, one-hot labels (as DL4J's
        // own iterators), double precision. Batch t is a pure function of (seed, t).
        DataSetIterator train = new NlgpDataSetIterator.Builder()
                .gain(3).xi(0.3, 0.7).length(40)
                .batchSize(1000).batchesPerEpoch(50).seed(1)
                .build();
        // A FIXED held-out set: the same 2 batches at every evaluation (ONLINE would draw new ones).
        DataSetIterator test = new NlgpDataSetIterator.Builder()
                .gain(3).xi(0.3, 0.7).length(40)
                .batchSize(1000).batchesPerEpoch(2).seed(2).mode(SamplingMode.FIXED)
                .build();
        INDArray heldOut = test.next().getFeatures();
        test.reset();

        // Your network.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(40).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        // DL4J's stats storage: DL4J's own charts and the plugin's records, in one file.
        StatsStorage storage = new FileStatsStorage(out.resolve("stats.bin").toFile());
        StatsStorageRecordSink toUi = new StatsStorageRecordSink(storage);
        String session = toUi.sessionId();

        net.setListeners(
                new ScoreIterationListener(100),
                new EvaluativeListener(test, 1, InvocationType.EPOCH_END, new Evaluation(2)),
                new StatsListener(storage, 10, session),
                // receptive fields of the first layer ("0_W"): IPR, peak, sign per hidden unit
                new ReceptiveFieldListener.Builder(10)
                        .sink(new CsvRecordSink<>(out.resolve("receptive-fields.csv"), false))
                        .sink(toUi)
                        .build(),
                // excess kurtosis of the inputs' marginals and of the hidden pre-activations
                new KurtosisListener.Builder(10).heldOutBatch(heldOut)
                        .sink(new CsvRecordSink<>(out.resolve("kurtosis.csv"), false))
                        .sink(toUi)
                        .build());

        // The DL4J UI with the localization page, on 127.0.0.1 only; the pages refresh every 2 s.
        // Later, in any JVM: LocalizationDashboard.replay(Path.of("runs/user-pipeline/stats.bin"), 9000)
        try (LocalizationDashboard ui = port >= 0 ? LocalizationDashboard.start(storage, port) : null) {
            if (ui != null) {
                System.out.println("DL4J training UI with the localization page: " + ui.url());
            }
            net.fit(train, epochs);
            Evaluation evaluation = net.evaluate(test);
            System.out.printf("accuracy on the held-out set: %.3f%n", evaluation.accuracy());
            if (ui != null && System.console() != null) {
                System.out.println("Press Enter to stop the UI.");
                System.console().readLine();
            }
        } finally {
            storage.close();
        }
    }
}
