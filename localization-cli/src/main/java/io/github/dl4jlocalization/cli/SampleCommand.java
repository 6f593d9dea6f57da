package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.util.MemoryBudget;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code localization sample}: writes N labelled samples of a data model as CSV, one sample per
 * line (the D input values, then the label 0/1, no header), atomically.
 *
 * <p>Samples are drawn in blocks of {@value #BLOCK} with {@link BatchSampler}: line n is row
 * {@code n % BLOCK} of batch {@code n / BLOCK} under the seed, the same data a
 * {@code DataModelDataSetIterator} with that batch size and seed yields.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Write N samples of a data model as CSV (D values then the label, no header).")
final class SampleCommand implements Callable<Integer> {
    static final int BLOCK = 1000;

    @Mixin
    DataOptions data;

    @Option(names = "--n", required = true, paramLabel = "N", description = "Number of samples (>= 1).")
    long count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Random seed (default 0).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Output CSV file.")
    Path out;

    @Override
    public Integer call() {
        Require.atLeast("n", count, 1);
        DataModelConfig config = data.toConfig();
        DataModel model = config.build();
        AtomicFiles.checkWritableParent(out);
        // a block of samples and the sampler's work lanes, as many again
        MemoryBudget.requireHeap("length", config.length(), 2.0 * Double.BYTES * BLOCK * model.dimension(),
                "a block of " + BLOCK + " samples of D = " + model.dimension() + " values");
        requireRoom(model.dimension());
        BatchSampler sampler = new BatchSampler(model, seed);
        AtomicFiles.write(out, w -> {
            StringBuilder line = new StringBuilder();
            for (long start = 0, index = 0; start < count; start += BLOCK, index++) {
                int size = (int) Math.min(BLOCK, count - start);
                LabelledBatch batch = sampler.sample(index, BLOCK);
                double[] x = batch.features();
                int d = batch.dimension();
                for (int n = 0; n < size; n++) {
                    line.setLength(0);
                    for (int i = 0; i < d; i++) {
                        line.append(x[n * d + i]).append(',');
                    }
                    line.append(batch.labels()[n]).append('\n');
                    w.write(line.toString());
                }
            }
        });
        System.out.println("wrote " + count + " samples of " + model.description() + " to " + out);
        return 0;
    }

    /**
     * Refuses a count whose CSV cannot fit in the free space of the output's file system, before
     * anything is written: a row of D values and the label takes at least {@code 4 D + 2} bytes
     * (each value at least 3 characters, e.g. {@code 0.5}, and its comma; the label and the line
     * end), so a refused count could never have been written there.
     */
    private void requireRoom(int dimension) {
        Path folder = out.toAbsolutePath().getParent();
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of " + folder + ": " + e.getMessage(), e);
        }
        double rowBytes = 4.0 * dimension + 2;
        long most = (long) Math.floor(free / rowBytes);
        Require.that(count <= most, "n", count, "at most " + most + " here: a sample takes at least "
                + (long) rowBytes + " bytes of CSV and " + folder + " has " + free + " bytes free (free some space or "
                + "choose another --out)");
    }
}
