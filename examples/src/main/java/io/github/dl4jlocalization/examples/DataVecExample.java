package io.github.dl4jlocalization.examples;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.datavec.DataModelRecordReader;
import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import org.datavec.api.records.reader.RecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The DataVec path: the plugin's data models as a DataVec {@link RecordReader}, read by DL4J's
 * {@link RecordReaderDataSetIterator} exactly as a CSV or image reader would be, with a DataVec-era
 * normalizer in between. Use it where your pipeline is built on record readers (transforms,
 * Spark, exports); the named iterators ({@code NlgpDataSetIterator}, ...) skip the record layer.
 *
 * <p>Here: Kur(k = 6.1) data, whose marginals have negative excess kurtosis, 100,000 records in
 * blocks of 500, a ReLU layer of 4 units with SGD + momentum, and the receptive-field records kept
 * in memory. Run: {@code mvn -q exec:java -Dexec.mainClass=io.github.dl4jlocalization.examples.DataVecExample
 * -Dexec.args="5"} (epochs).
 */
public final class DataVecExample {
    private DataVecExample() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;

        KurModel model = new KurModel(6.1, new ClassPair(0.3, 0.7), 40);
        RecordReader reader = new DataModelRecordReader.Builder(model)
                .numRecords(records).blockSize(500).seed(7).build();
        // label in column D (= 40), 2 classes: one-hot labels for the softmax output
        DataSetIterator train = new RecordReaderDataSetIterator(reader, 500, model.dimension(), 2);
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(train);
        train.setPreProcessor(normalizer);

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.DOUBLE)
                .updater(new Nesterovs(0.01, 0.9))
                .list()
                .layer(new DenseLayer.Builder().nIn(model.dimension()).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        InMemoryRecordSink<ReceptiveFieldRecord> fields = new InMemoryRecordSink<>();
        // a record at the end of every epoch (the frequency counts epochs)
        net.setListeners(new ReceptiveFieldListener.Builder(1).invocationType(InvocationType.EPOCH_END)
                .sink(fields).build());

        net.fit(train, epochs);

        ReceptiveFieldRecord last = fields.latest();
        System.out.printf("after %d updates: mean IPR %.3f, max IPR %.3f (1/D = %.3f: spread out; 1: one pixel)%n",
                last.iteration(), last.meanIpr(), last.maxIpr(), 1.0 / model.dimension());
    }
}
