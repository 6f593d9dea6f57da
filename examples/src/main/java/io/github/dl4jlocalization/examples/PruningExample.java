package io.github.dl4jlocalization.examples;

import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.listeners.IterativeMagnitudePruning;
import io.github.dl4jlocalization.listeners.JsonLinesRecordSink;
import io.github.dl4jlocalization.listeners.PruningRoundRecord;
import io.github.dl4jlocalization.listeners.PruningScope;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Iterative magnitude pruning (lottery-ticket rounds) of YOUR network: train E steps, remove the
 * fraction p of the smallest surviving first-layer weights, rewind the survivors to their initial
 * values, R times. Pruned weights stay exactly 0 (the pruning object is also the listener that
 * masks gradients and parameters). Each round's record says how sparse the layer is, how local the
 * surviving connections are (IPR, span) and how non-Gaussian the hidden pre-activations became.
 *
 * <p>Run: {@code mvn -q exec:java -Dexec.mainClass=io.github.dl4jlocalization.examples.PruningExample
 * -Dexec.args="8 500 runs/pruning"} (rounds, steps per round, output directory). Writes
 * {@code rounds.jsonl} (one record per round) and {@code pruned.zip} (the network and its masks:
 * {@code PruningMasks.readFrom} restores them).
 */
public final class PruningExample {
    private PruningExample() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int stepsPerRound = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path out = Path.of(args.length > 2 ? args[2] : "runs/pruning");
        Files.createDirectories(out);

        DataSetIterator train = new NlgpDataSetIterator.Builder().gain(3).xi(0.3, 0.7).length(40)
                .batchSize(500).seed(1).build();
        DataSet heldOut = new NlgpDataSetIterator.Builder().gain(3).xi(0.3, 0.7).length(40)
                .batchSize(2000).seed(99).build().next();

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(0.1))
                .list()
                .layer(new DenseLayer.Builder().nIn(40).nOut(10).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        IterativeMagnitudePruning imp = new IterativeMagnitudePruning.Builder()
                .rate(0.3).rounds(rounds).stepsPerRound(stepsPerRound)
                .scope(PruningScope.FIRST_LAYER).rewindToStep(0)
                .heldOut(heldOut)
                .sink(new JsonLinesRecordSink<>(out.resolve("rounds.jsonl"), false))
                .build();
        List<PruningRoundRecord> records = imp.run(net, train);

        System.out.println("round  sparsity  accuracy  mean IPR  mean pre-activation kurtosis");
        for (PruningRoundRecord r : records) {
            System.out.printf("%5d  %8.3f  %8.3f  %8.3f  %8.3f%n", r.round(), r.sparsity(), r.accuracy(),
                    r.meanIpr(), r.meanPreActivationKurtosis());
        }
        // the network, and its masks in the same zip (PruningMasks.readFrom(zip) restores them)
        ModelSerializer.writeModel(net, out.resolve("pruned.zip").toFile(), true);
        imp.masks().writeTo(out.resolve("pruned.zip").toFile());
    }
}
