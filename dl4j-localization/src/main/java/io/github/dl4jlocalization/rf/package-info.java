/**
 * Receptive fields of any DL4J network: what region of the input a unit can see, and how strongly
 * it responds to each site of it.
 *
 * <ul>
 *   <li>{@link io.github.dl4jlocalization.rf.TheoreticalReceptiveField}: per layer of a
 *       {@code MultiLayerConfiguration} or {@code ComputationGraphConfiguration}, the field size,
 *       jump and start along each input axis ({@link io.github.dl4jlocalization.rf.AxisField}),
 *       a table like DL4J's {@code summary()}, and the input region of any unit
 *       ({@link io.github.dl4jlocalization.rf.InputRegion}), clipped to the input and wrapped
 *       around rings where the network pads circularly.</li>
 *   <li>{@link io.github.dl4jlocalization.rf.EffectiveReceptiveField}: the gradient of a unit
 *       ({@link io.github.dl4jlocalization.rf.NetworkUnit}) with respect to the input, averaged
 *       over a batch, by DL4J's own backpropagation; its IPR, width and centre
 *       ({@link io.github.dl4jlocalization.rf.FieldStatistics}).</li>
 *   <li>{@link io.github.dl4jlocalization.rf.InputGeometry}: the axes, rings and layout of a
 *       network input as both see it.</li>
 * </ul>
 */
package io.github.dl4jlocalization.rf;
