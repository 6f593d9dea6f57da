/**
 * The papers' networks as DL4J configurations: the soft committee machine
 * {@code y = (1/K) sum_k sigma(w_k . x + b_k)} (frozen readout; K = 1 is the single neuron) and
 * the two-layer network {@code y = (v . sigma(Wx + b) + c) / K}, trained by plain SGD on
 * {@code mean_n (y_n - t_n)^2} in float64 so that one {@code fit} is exactly one step of the
 * reference implementation.
 *
 * <ul>
 *   <li>{@link io.github.dl4jlocalization.nn.ShallowNetwork}: the validated description (builder),
 *       its {@code MultiLayerConfiguration} and a seeded, initialised {@code MultiLayerNetwork};
 *       the class comment states the formulas, the gradients and the learning-rate semantics.</li>
 *   <li>{@link io.github.dl4jlocalization.nn.ShallowNetworkParameters}: receptive fields, biases
 *       and readout of such a network, in the papers' shapes.</li>
 *   <li>{@link io.github.dl4jlocalization.nn.HiddenActivation}, {@link io.github.dl4jlocalization.nn.Bias},
 *       {@link io.github.dl4jlocalization.nn.Readout}: the options.</li>
 *   <li>{@link io.github.dl4jlocalization.nn.ActivationErf},
 *       {@link io.github.dl4jlocalization.nn.ActivationShifted},
 *       {@link io.github.dl4jlocalization.nn.ActivationScaledIdentity}: custom DL4J activations
 *       (JSON-serialisable, so {@code ModelSerializer} saves and restores the networks).</li>
 *   <li>{@link io.github.dl4jlocalization.nn.TruncatedGlorot}: the reference initialiser.</li>
 *   <li>{@link io.github.dl4jlocalization.nn.ConvolutionalNetwork}: the convolutional counterpart
 *       for the FCN vs CNN comparison (C circularly padded filters of width w, average pooling,
 *       the SCM's readout), on the same DataSets; its
 *       {@link io.github.dl4jlocalization.nn.CircularPaddingPreProcessor} supplies the periodic
 *       boundary DL4J's 1-D convolution lacks.</li>
 * </ul>
 */
package io.github.dl4jlocalization.nn;
