package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization receptive-field} on model zips and configuration files, and its bad input. */
class ReceptiveFieldCommandTest extends ConsoleCapture {

    @TempDir
    Path dir;

    /** A 2-D CNN on 12 x 12 images fed as flat vectors: conv 3x3 Same, conv 3x3 Same, pooling, output. */
    private static MultiLayerConfiguration imageCnn() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).activation(Activation.TANH)
                .list(new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same).build(),
                        new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same).build(),
                        new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                                .build())
                .setInputType(InputType.convolutionalFlat(12, 12, 1)).build();
    }

    @Test
    void aSavedModelsTableAndTheRegionOfAUnitOnTheRing() throws IOException {
        Path zip = dir.resolve("cnn.zip");
        ModelSerializer.writeModel(ConvolutionalNetwork.builder(40).channels(3).filterWidth(10).build().network(),
                zip.toFile(), false);
        int status = LocalizationCli.execute("receptive-field", zip.toString(), "--layer", "layer0", "--position", "38");
        assertEquals(0, status, stderr());
        String out = stdout();
        assertTrue(out.contains("layer0 (Convolution1DLayer)"), out);
        assertTrue(out.contains("circular, Truncate"), out);
        assertTrue(out.contains("Region of layer0 all channels @ [38]: [0..7 + 38..39] of 40 (10 sites)"), out);
    }

    @Test
    void aConfigurationFilesEffectiveFieldOnTwoDimensionalDataIsPrintedAndDrawn() throws IOException {
        Path json = Files.writeString(dir.resolve("cnn.json"), imageCnn().toJson());
        Path png = dir.resolve("field.png");
        int status = LocalizationCli.execute("receptive-field", json.toString(), "--layer", "layer1", "--channel", "0",
                "--effective", "--dim", "2", "--length", "12", "--batch", "50", "--plot", png.toString());
        assertEquals(0, status, stderr());
        String out = stdout();
        assertTrue(out.contains("layer1 (ConvolutionLayer)") && out.contains("5x5"), out);
        assertTrue(out.contains("Region of layer1 c0 @ [5, 5]: [3..7] x [3..7] of 12 x 12 (25 sites)"), out);
        assertTrue(out.contains("Effective field of layer1 c0 @ [5, 5] on 50 inputs of "), out);
        assertTrue(out.contains("IPR "), out);
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void aYamlConfigurationNeedsItsInputTypeWhenTheNetworkDoesNotFixIt() throws IOException {
        MultiLayerConfiguration conv = new NeuralNetConfiguration.Builder().list(new Convolution1DLayer.Builder()
                        .nIn(1).nOut(2).kernelSize(5).dilation(2).build()).build();
        Path yaml = Files.writeString(dir.resolve("conv.yaml"), conv.toYaml());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("receptive-field", yaml.toString()));
        assertTrue(stderr().contains("give --input-type"), stderr());
        assertEquals(1, stderr().strip().lines().count(), "one line: " + stderr());
        assertEquals(0, LocalizationCli.execute("receptive-field", yaml.toString(), "--input-type", "sequence:1,30"),
                stderr());
        assertTrue(stdout().contains("layer0 (Convolution1DLayer)") && stdout().contains(" 9 "), stdout());
    }

    @Test
    void aGraphConfigurationListsItsVertices() throws IOException {
        ComputationGraphConfiguration graph = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new ConvolutionLayer.Builder(1, 1).nOut(1).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(1).convolutionMode(ConvolutionMode.Same)
                        .build(), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .setOutputs("merge").setInputTypes(InputType.convolutional(8, 8, 1)).build();
        Path json = Files.writeString(dir.resolve("graph.json"), graph.toJson());
        assertEquals(0, LocalizationCli.execute("receptive-field", json.toString(), "--input-type", "image:8,8,1"),
                stderr());
        assertTrue(stdout().contains("merge (MergeVertex)") && stdout().contains("3x3"), stdout());
    }

    @Test
    void badInputExitsWithOneLine() throws IOException {
        Path garbage = Files.writeString(dir.resolve("notes.json"), "{\"not\": \"a network\"}");
        Path json = Files.writeString(dir.resolve("cnn.json"), imageCnn().toJson());
        String[][] cases = {
            {"receptive-field", dir.resolve("missing.zip").toString()},
            {"receptive-field", garbage.toString()},
            {"receptive-field", json.toString(), "--effective"},
            {"receptive-field", json.toString(), "--layer", "layer1", "--plot", dir.resolve("x.png").toString()},
            {"receptive-field", json.toString(), "--input-type", "image:12,12"},
            {"receptive-field", json.toString(), "--layer", "layer9"},
            {"receptive-field", json.toString(), "--layer", "layer1", "--position", "12,0"},
            {"receptive-field", json.toString(), "--layer", "layer1", "--effective", "--length", "40"},
        };
        String[] expected = {"FILE must be", "FILE must be", "--layer must be", "--plot must be", "--input-type must be",
            "layer must be", "position[0] must be", "data dimension must be"};
        for (int i = 0; i < cases.length; i++) {
            err.reset();
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(cases[i]), String.join(" ", cases[i]));
            assertTrue(stderr().startsWith("error: " + expected[i]), String.join(" ", cases[i]) + ": " + stderr());
            assertEquals(1, stderr().strip().lines().count(), stderr());
        }
    }
}
