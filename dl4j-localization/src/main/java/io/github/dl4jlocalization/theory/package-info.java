/**
 * The analytical effective dynamics of localization of Lufkin, Saxe &amp; Grant (2024)
 * (docs/science.md section 5), for comparison with SGD runs of the single ReLU neuron.
 *
 * <ul>
 *   <li>{@link io.github.dl4jlocalization.theory.Amplifier}: the localization amplifier
 *       {@code phi(a) = E[X erf(a X / sqrt(2(1 - a^2)))]} of a class-1 marginal: closed forms
 *       (Gaussian, +-1), kurtosis forms, quadrature over any marginal {@code X = T(z)}, Monte Carlo
 *       over samples, and the exact choice for each data model.</li>
 *   <li>{@link io.github.dl4jlocalization.theory.EffectiveDynamics}: Euler integration of
 *       {@code dw/dt = (phi(Sigma_1 w / sqrt(w' Sigma_1 w)) - (Sigma_0 + Sigma_1) w)/2} with step
 *       tau = the learning rate, from the same {@code w_0} as an SGD run; the result is a
 *       {@link io.github.dl4jlocalization.theory.Trajectory} (weights, IPR and signed peak over
 *       time).</li>
 *   <li>{@link io.github.dl4jlocalization.theory.EmpiricalCovariance}: translation-averaged class
 *       covariances from samples, where no closed form exists or to follow the reference's
 *       empirical Ising covariances.</li>
 *   <li>{@link io.github.dl4jlocalization.theory.CirculantOperator}: covariance products on the
 *       ring and torus by FFT.</li>
 *   <li>{@link io.github.dl4jlocalization.theory.ReadoutPrediction}: the predicted readout weight
 *       of the two-layer network.</li>
 * </ul>
 */
package io.github.dl4jlocalization.theory;
