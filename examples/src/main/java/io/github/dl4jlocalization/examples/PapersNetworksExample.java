package io.github.dl4jlocalization.examples;

import io.github.dl4jlocalization.iterators.LabelFormat;
import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.metrics.FilterMatch;
import io.github.dl4jlocalization.metrics.FilterMatcher;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The papers' own networks, as DL4J {@code MultiLayerNetwork}s: the single ReLU neuron of Lufkin,
 * Saxe and Grant (plain SGD on the mean squared error against the class label, the reference's
 * initialisation and learning rate), trained until it localizes, its receptive field read with the
 * core metrics; and the 1-D convolutional network with circular padding of Ingrosso and Goldt,
 * trained on the same task, whose filters the neuron's localized field is matched against.
 *
 * <p>Run: {@code mvn -q exec:java -Dexec.mainClass=io.github.dl4jlocalization.examples.PapersNetworksExample
 * -Dexec.args="300"} (SGD steps).
 */
public final class PapersNetworksExample {
    private PapersNetworksExample() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;

        // The papers' target is the class label itself, y in {0, 1}: one output column.
        DataSetIterator train = new NlgpDataSetIterator.Builder()
                .gain(3).xi(0.3, 0.7).length(40)
                .batchSize(5000).batchesPerEpoch(steps).seed(1)
                .labelFormat(LabelFormat.REGRESSION)
                .build();
        MultiLayerNetwork net = ShallowNetwork.builder(40)      // input dimension D
                .hiddenUnits(1).activation(HiddenActivation.RELU)
                .initScale(0.001).learningRate(0.1).seed(0)
                .build().network();
        InMemoryRecordSink<ReceptiveFieldRecord> records = new InMemoryRecordSink<>();
        net.setListeners(
                new DivergenceGuard(),                          // NaN/Inf -> TrainingDivergedException
                new ReceptiveFieldListener(50, records));       // IPR, signed peaks, weights every 50 steps
        net.fit(train);

        double[] field = LocalizationMetrics.receptiveFields(net.getParam("0_W"))[0];
        SignedPeak peak = LocalizationMetrics.signedPeak(field);
        System.out.printf("single neuron after %d steps: IPR %.3f (first record %.3f), peak at pixel %d%n",
                records.latest().iteration(), LocalizationMetrics.ipr(field), records.records().get(0).meanIpr(),
                peak.index());

        // The CNN (10 circular filters of width 10, average pooling, the same readout) on the same task.
        MultiLayerNetwork cnn = ConvolutionalNetwork.builder(40).channels(10).filterWidth(10).seed(1)
                .build().network();
        cnn.fit(new NlgpDataSetIterator.Builder()
                .gain(3).xi(0.3, 0.7).length(40)
                .batchSize(1000).batchesPerEpoch(steps).seed(2)
                .labelFormat(LabelFormat.REGRESSION)
                .build());
        FilterMatch match = FilterMatcher.bestMatch(field, ConvolutionalNetwork.filters(cnn));
        double[] baseline = FilterMatcher.baselineScores(new double[][] {field}, 10, 10, 7);
        System.out.printf("the field's best match among the CNN's filters: %.3f (filter %d); "
                + "among random filters: %.3f%n", match.score(), match.filter(), baseline[0]);
    }
}
