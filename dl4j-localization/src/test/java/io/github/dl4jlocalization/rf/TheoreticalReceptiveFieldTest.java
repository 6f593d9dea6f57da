package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import org.apache.commons.math3.fraction.Fraction;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receptive-field arithmetic on layer stacks whose fields are computed by hand in the comments
 * of {@link Stacks}: size, jump and start per layer, and the regions of chosen units.
 */
class TheoreticalReceptiveFieldTest {

    /** Asserts one axis of a layer: size r, jump j (as "a" or "a/b") and start s. */
    private static void assertAxis(TheoreticalReceptiveField rf, String layer, int axis, long r, String j, long s) {
        AxisField f = rf.layer(layer).axes().get(axis);
        assertEquals(r, f.size(), layer + " size");
        assertEquals(j, f.jumpText(), layer + " jump");
        assertEquals(s, f.start(), layer + " start");
    }

    private static void assertRegion(String expected, InputRegion region) {
        assertEquals(expected, region.toString());
    }

    @Test
    void aSingleConvolutionSeesItsKernel() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.singleConvolution(),
                InputType.recurrent(1, 20));
        assertAxis(rf, "input", 0, 1, "1", 0);
        assertAxis(rf, "layer0", 0, 5, "1", 0);
        assertRegion("[3..7] of 20", rf.region("layer0", 3));
        assertEquals(16, rf.layer("0").shape()[0], "Truncate: 20 - 5 + 1 units");
    }

    @Test
    void dilationAndStrideFollowTheRecurrences() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.dilatedStrided(),
                InputType.recurrent(1, 40));
        assertAxis(rf, "layer0", 0, 5, "1", 0);
        assertAxis(rf, "layer1", 0, 7, "2", 0);
        assertAxis(rf, "layer2", 0, 15, "2", 0);
        // unit u of layer2 sees 2u .. 2u + 14
        assertRegion("[10..24] of 40", rf.region("layer2", 5));
        assertEquals(13, rf.layer("layer2").shape()[0], "40 -> 36 -> (36 - 3) / 2 + 1 = 17 -> 13 units");
    }

    @Test
    void sameModePaddingAndPoolingOnAnImage() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.sameModeImage());
        assertEquals(2, rf.input().rank(), "convolutionalFlat input: a 28 x 28 image");
        for (int axis = 0; axis < 2; axis++) {
            assertAxis(rf, "layer0", axis, 3, "1", -1);
            assertAxis(rf, "layer1", axis, 4, "2", -1);
            assertAxis(rf, "layer2", axis, 8, "2", -3);
            assertAxis(rf, "layer3", axis, 10, "4", -3);
        }
        // the centre unit (3, 3) of the 7 x 7 map: -3 + 3 * 4 = 9 .. 18
        assertEquals(List.of(3L, 3L), List.of(rf.centre("layer3")[0], rf.centre("layer3")[1]));
        assertRegion("[9..18] x [9..18] of 28 x 28", rf.region("layer3", rf.centre("layer3")));
        assertRegion("[0..6] x [0..6] of 28 x 28", rf.region("layer3", 0, 0), "clipped at the corner");
        assertTrue(rf.layer("layer4").fullField());
        assertTrue(rf.region("layer4").coversInput());
        assertAxis(rf, "layer4", 0, 28, "0", 0);
    }

    private static void assertRegion(String expected, InputRegion region, String message) {
        assertEquals(expected, region.toString(), message);
    }

    @Test
    void circularPaddingWrapsAroundTheRing() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.circular());
        assertTrue(rf.input().periodic()[0]);
        assertAxis(rf, "layer0", 0, 10, "1", 0);
        assertEquals("circular, Truncate", rf.layer("layer0").padding());
        assertEquals(40, rf.layer("layer0").shape()[0], "D outputs on a ring of D");
        InputRegion wrapped = rf.region("layer0", 35);
        assertRegion("[0..4 + 35..39] of 40", wrapped);
        assertTrue(wrapped.wrapsAround(0));
        assertEquals(10, wrapped.size());
        assertRegion("[0..9] of 40", rf.region("layer0", 0));
        assertFalse(rf.region("layer0", 0).wrapsAround(0));
        assertTrue(rf.layer("layer1").fullField(), "global pooling");
        assertTrue(rf.region("layer2").coversInput());
    }

    @Test
    void causalDilatedConvolutionsSeeOnlyThePast() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.causal(), InputType.recurrent(1, 24));
        assertAxis(rf, "layer0", 0, 2, "1", -1);
        assertAxis(rf, "layer1", 0, 4, "1", -3);
        assertAxis(rf, "layer2", 0, 8, "1", -7);
        assertRegion("[3..10] of 24", rf.region("layer2", 10));
        assertRegion("[0..3] of 24", rf.region("layer2", 3));
    }

    @Test
    void upsamplingHalvesTheJumpAndFieldsVaryByUnit() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.upsampled(), InputType.recurrent(1, 21));
        assertAxis(rf, "layer0", 0, 3, "2", 0);
        assertAxis(rf, "layer1", 0, 3, "1", 0);
        assertEquals(new Fraction(1), rf.layer("layer1").axes().get(0).jump());
        assertAxis(rf, "layer2", 0, 5, "1", 0);
        assertRegion("[4..6] of 21", rf.region("layer2", 4));
        assertRegion("[4..8] of 21", rf.region("layer2", 5));
    }

    @Test
    void zeroPaddingAndCroppingShiftTheStart() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.paddedCropped(),
                InputType.convolutional(12, 12, 1));
        assertAxis(rf, "layer0", 1, 1, "1", -2);
        assertAxis(rf, "layer1", 1, 5, "1", -2);
        assertAxis(rf, "layer2", 1, 5, "1", -1);
        assertEquals(List.of(10L, 10L), List.of(rf.layer("layer3").shape()[0], rf.layer("layer3").shape()[1]));
        assertRegion("[0..3] x [4..8] of 12 x 12", rf.region("layer3", 0, 5));
    }

    @Test
    void averagePoolingWithStrideOverlapsWindows() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.pooled1d(), InputType.recurrent(1, 30));
        assertAxis(rf, "layer1", 0, 6, "3", 0);
        assertRegion("[6..11] of 30", rf.region("layer1", 2));
    }

    @Test
    void denseLayersSeeEverything() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.dense());
        for (String layer : List.of("layer0", "layer1", "layer2")) {
            assertTrue(rf.layer(layer).fullField(), layer);
            assertAxis(rf, layer, 0, 40, "0", 0);
            assertTrue(rf.region(layer).coversInput());
        }
        assertEquals(0, rf.centre("layer0").length);
    }

    @Test
    void aGraphMergesTheFieldsOfItsPaths() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.inception(), InputType.convolutional(16, 16, 1));
        assertAxis(rf, "a", 0, 1, "1", 0);
        assertAxis(rf, "b2", 0, 5, "1", -2);
        assertAxis(rf, "merge", 0, 5, "1", -2);
        assertAxis(rf, "c", 1, 7, "1", -3);
        assertAxis(rf, "add", 1, 7, "1", -3);
        assertRegion("[5..11] x [5..11] of 16 x 16", rf.region("add", 8, 8));
        assertTrue(rf.layer("pool").fullField());
        assertTrue(rf.region("out").coversInput());
    }

    /**
     * Global pooling of a sequence, built with {@code setInputType}: DL4J's pooling reports a
     * sequence output type, so it inserts a {@code RnnToFeedForwardPreProcessor} before the output
     * layer, which passes the pooled {@code [B, C]} through; the arithmetic must too.
     */
    @Test
    void globalPoolingOfASequenceBuiltWithSetInputType() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new org.deeplearning4j.nn.conf.layers.Convolution1DLayer.Builder().nIn(1).nOut(2).kernelSize(5)
                        .convolutionMode(ConvolutionMode.Truncate).build())
                .layer(new org.deeplearning4j.nn.conf.layers.Convolution1DLayer.Builder().nOut(2).kernelSize(5)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .inputPreProcessor(0, new io.github.dl4jlocalization.nn.CircularPaddingPreProcessor(20, 4))
                .setInputType(InputType.feedForward(20)).build();
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(conf);
        assertAxis(rf, "layer1", 0, 9, "1", -2);
        // the second layer pads with zeros: its unit 0 sees layer-0 units 0..2 only, i.e. sites 0..6
        assertRegion("[0..6] of 20", rf.region("layer1", 0));
        assertRegion("[0 + 12..19] of 20", rf.region("layer1", 14), "layer-0 units 12..16 see padded sites 12..20: 20 is 0");
        assertTrue(rf.layer("layer3").fullField());
    }

    @Test
    void theTableListsEveryLayerLikeSummary() {
        String table = TheoreticalReceptiveField.of(Stacks.sameModeImage()).summary();
        assertTrue(table.contains("LayerName (LayerType)"), table);
        assertTrue(table.contains("layer2 (ConvolutionLayer)"), table);
        assertTrue(table.contains("8x8"), table);
        assertTrue(table.contains("-3,-3"), table);
        assertTrue(table.contains("28x28 (all)"), table);
        assertEquals(7, table.lines().filter(l -> l.startsWith("layer") || l.startsWith("input")).count(), table);
    }

    @Test
    void theInputTypeIsInferredWhereTheConfigurationFixesIt() {
        MultiLayerNetwork cnn = ConvolutionalNetwork.builder(24).channels(2).filterWidth(5).build().network();
        assertEquals(24, TheoreticalReceptiveField.of(cnn).input().shape()[0]);
        assertEquals(40, TheoreticalReceptiveField.of(Stacks.dense()).input().shape()[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TheoreticalReceptiveField.of(Stacks.causal()));
        assertTrue(e.getMessage().startsWith("inputType cannot be inferred"), e.getMessage());
    }

    @Test
    void badRequestsAndUnsupportedLayersAreNamed() {
        TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(Stacks.circular());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rf.layer("nope")).getMessage()
                .contains("layer0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rf.region("layer0", 40)).getMessage()
                .contains("position[0] must be in [0, 39]"));
        assertThrows(IllegalArgumentException.class, () -> rf.region("layer0"));
        assertThrows(IllegalArgumentException.class, () -> rf.region("layer1", 3));
        MultiLayerConfiguration deconvolution = new NeuralNetConfiguration.Builder().list(
                        new Deconvolution2D.Builder(3, 3).nOut(1).convolutionMode(ConvolutionMode.Same).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TheoreticalReceptiveField.of(deconvolution, InputType.convolutional(8, 8, 1)));
        assertTrue(e.getMessage().contains("layer0 (Deconvolution2D) is not supported"), e.getMessage());
    }
}
