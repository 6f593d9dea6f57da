package io.github.dl4jlocalization.examples;

import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The backend switch: the code is the same on CPU and GPU; the Maven profile picks ND4J's backend
 * ({@code nd4j-native-platform} by default, {@code -Pcuda} for {@code nd4j-cuda-11.6-platform}),
 * and this program prints which one ND4J loaded before it trains a few steps with the plugin's
 * iterator and listener.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=io.github.dl4jlocalization.examples.BackendExample
 * mvn -q -Pcuda compile exec:java -Dexec.mainClass=io.github.dl4jlocalization.examples.BackendExample
 * </pre>
 * ND4J 1.0.0-M2.1's CUDA build runs on GPUs up to Ampere (sm_86, not Hopper) with a CUDA 11.6
 * runtime; without a GPU driver it cannot start, and with both backends on the class path ND4J
 * falls back to the CPU. Small networks such as these run fastest on the CPU with one OpenMP
 * thread ({@code OMP_NUM_THREADS=1}).
 */
public final class BackendExample {
    private BackendExample() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        System.out.println("ND4J backend: " + Nd4j.getBackend().getClass().getSimpleName()
                + " (" + Nd4j.getExecutioner().getClass().getSimpleName() + "), OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));

        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(40).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        InMemoryRecordSink<ReceptiveFieldRecord> fields = new InMemoryRecordSink<>();
        net.setListeners(new ReceptiveFieldListener(steps, fields));
        net.fit(new NlgpDataSetIterator.Builder().length(40).batchSize(1000).batchesPerEpoch(steps)
                .dataType(DataType.FLOAT).seed(1).build());
        System.out.printf("%d steps on %s: mean IPR %.3f%n", fields.latest().iteration(),
                Nd4j.getBackend().getClass().getSimpleName(), fields.latest().meanIpr());
    }
}
