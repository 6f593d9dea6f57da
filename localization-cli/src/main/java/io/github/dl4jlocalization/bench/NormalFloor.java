package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Collectors;

/**
 * The cost of drawing n standard normal numbers with each available generator: the floor that
 * data sampling is compared with.
 *
 * <p>The JDK generators share one out-of-line Gaussian routine whose {@code nextLong} call is
 * profiled across all of them: after three generator types have run in one JVM it becomes a
 * megamorphic interface call and every JDK generator measured later is up to 1.7x slower. So by
 * default each generator is measured in a fresh child JVM ({@link #measureIsolated}), started
 * with this JVM's options and class path.
 */
public final class NormalFloor {

    /** A generator filling arrays with N(0, 1) draws. */
    public enum Generator {
        SPLITTABLE_RANDOM("SplittableRandom") {
            @Override
            Filler filler(long seed) {
                SplittableRandom random = new SplittableRandom(seed);
                return a -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = random.nextGaussian();
                    }
                };
            }
        },
        L64X128_MIX("L64X128MixRandom"),
        XOROSHIRO128_PLUS_PLUS("Xoroshiro128PlusPlus"),
        XOSHIRO256_PLUS_PLUS("Xoshiro256PlusPlus"),
        /** The project's streams (SplitMix64 with an inlined ziggurat), used by the data models. */
        RANDOM_STREAMS("RandomStreams") {
            @Override
            Filler filler(long seed) {
                RandomGenerator random = RandomStreams.of(seed, 0);
                return a -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = random.nextGaussian();
                    }
                };
            }
        },
        /** Native draws into a preallocated array, without copying them out. */
        ND4J_RANDN("Nd4j.randn") {
            @Override
            Filler filler(long seed) {
                Nd4j.getRandom().setSeed(seed);
                INDArray[] target = new INDArray[1];
                return a -> {
                    if (target[0] == null || target[0].length() != a.length) {
                        target[0] = Nd4j.createUninitialized(DataType.DOUBLE, a.length);
                    }
                    Nd4j.randn(target[0]);
                };
            }
        };

        final String label;

        Generator(String label) {
            this.label = label;
        }

        /** The generator's name as printed. */
        public String label() {
            return label;
        }

        /**
         * A filler with its own loop, hence its own call-site profile, except for the
         * {@link RandomGeneratorFactory} generators, which share this one (they are measured in
         * separate JVMs anyway, see the class comment).
         */
        Filler filler(long seed) {
            RandomGenerator random = RandomGeneratorFactory.of(label).create(seed);
            return a -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] = random.nextGaussian();
                }
            };
        }
    }

    /** Fills an array with normal draws. */
    @FunctionalInterface
    interface Filler {
        void fill(double[] values);
    }

    private NormalFloor() {
    }

    /**
     * The median time in milliseconds to draw {@code sizes[i]} normals with {@code generator} in
     * this JVM, after {@code warmup} untimed fills of each size.
     */
    public static double[] measure(Generator generator, int[] sizes, int warmup, int repetitions) {
        Require.atLeast("warm-up", warmup, 0);
        Require.atLeast("repetitions", repetitions, 1);
        Filler filler = generator.filler(12345);
        double[] medians = new double[sizes.length];
        for (int k = 0; k < sizes.length; k++) {
            double[] values = new double[Require.atLeast("size", sizes[k], 1)];
            for (int w = 0; w < warmup; w++) {
                filler.fill(values);
            }
            double[] millis = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                long start = System.nanoTime();
                filler.fill(values);
                millis[r] = (System.nanoTime() - start) / 1e6;
            }
            medians[k] = median(millis);
        }
        return medians;
    }

    /**
     * As {@link #measure}, each generator in a fresh child JVM (this JVM's options, class path
     * and environment), one after the other.
     */
    public static Map<Generator, double[]> measureIsolated(List<Generator> generators, int[] sizes, int warmup,
                                                           int repetitions) {
        Map<Generator, double[]> result = new EnumMap<>(Generator.class);
        for (Generator g : generators) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(NormalFloor.class.getName());
            command.add(g.name());
            command.add(Integer.toString(warmup));
            command.add(Integer.toString(repetitions));
            command.add(Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(",")));
            result.put(g, runChild(command, g, sizes.length));
        }
        return result;
    }

    private static double[] runChild(List<String> command, Generator g, int expected) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String resultLine = null;
            StringBuilder output = new StringBuilder();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.append(line).append('\n');
                    if (line.startsWith(RESULT_PREFIX)) {
                        resultLine = line.substring(RESULT_PREFIX.length());
                    }
                }
            }
            int status = process.waitFor();
            if (status != 0 || resultLine == null) {
                throw new IllegalStateException("floor probe for " + g.label() + " failed (exit " + status + "):\n"
                        + output);
            }
            double[] medians = Arrays.stream(resultLine.trim().split(",")).mapToDouble(Double::parseDouble).toArray();
            if (medians.length != expected) {
                throw new IllegalStateException("floor probe for " + g.label() + " returned " + resultLine);
            }
            return medians;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + g.label(), e);
        }
    }

    private static final String RESULT_PREFIX = "floor-medians-ms: ";

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
    }

    /**
     * Child-JVM entry point: {@code GENERATOR WARMUP REPETITIONS SIZE[,SIZE...]}; prints one line
     * with the median milliseconds per size.
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: NormalFloor GENERATOR WARMUP REPETITIONS SIZE[,SIZE...]");
        }
        int[] sizes = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] medians = measure(Generator.valueOf(args[0]), sizes, Integer.parseInt(args[1]),
                Integer.parseInt(args[2]));
        System.out.println(RESULT_PREFIX + Arrays.stream(medians).mapToObj(Double::toString)
                .collect(Collectors.joining(",")));
    }
}
