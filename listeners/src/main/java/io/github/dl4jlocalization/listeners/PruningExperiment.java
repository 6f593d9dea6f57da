package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.function.Supplier;

/**
 * Iterative magnitude pruning against its one-shot baseline, from the same initial network and the
 * same data (the comparison of Pellegrini &amp; Biroli 2022 that Redman et al. revisit: only the
 * iterative procedure refines local receptive fields). Both protocols get a fresh network and a
 * fresh iterator from the suppliers, which must return identical ones on every call (e.g.
 * {@code ShallowNetwork::network} and a builder's {@code ::build} with fixed seeds), so phase 0
 * (dense training) is the same in both and the final sparsities are equal,
 * {@code 1 - (1-p)^R}:
 * <pre>{@code
 * ShallowNetwork fcn = ShallowNetwork.builder(40).hiddenUnits(10).seed(1).build();
 * NlgpDataSetIterator.Builder data = new NlgpDataSetIterator.Builder().gain(3).length(40).batchSize(1000).seed(2)
 *         .labelFormat(LabelFormat.REGRESSION);          // the SCM's one output, MSE
 * PruningExperiment.Result result = new PruningExperiment(fcn::network, data::build,
 *         new IterativeMagnitudePruning.Builder().rounds(10).stepsPerRound(2000).heldOut(heldOut)
 *                 .sink(new JsonLinesRecordSink<>(Path.of("imp.jsonl"), false)).build()).run();
 * }</pre>
 * The sinks of {@code pruning} receive the records of both protocols (iterative first), told
 * apart by {@link PruningRoundRecord#oneShot()}.
 */
public final class PruningExperiment {

    /**
     * The records of both protocols.
     *
     * @param iterative R + 1 records of iterative pruning
     * @param oneShot   2 records of the one-shot baseline (dense, then at the final sparsity)
     */
    public record Result(List<PruningRoundRecord> iterative, List<PruningRoundRecord> oneShot) {
    }

    private final Supplier<MultiLayerNetwork> network;
    private final Supplier<DataSetIterator> data;
    private final IterativeMagnitudePruning iterative;
    private final IterativeMagnitudePruning oneShot;

    /**
     * @param network a fresh, identically initialised network per call
     * @param data    a fresh iterator at the start of the same stream per call
     * @param pruning the settings of the iterative protocol (its {@code oneShot} flag is ignored;
     *                the baseline uses the same settings with one pruning)
     */
    public PruningExperiment(Supplier<MultiLayerNetwork> network, Supplier<DataSetIterator> data,
                             IterativeMagnitudePruning pruning) {
        this.network = Require.nonNull("network", network);
        this.data = Require.nonNull("data", data);
        Require.nonNull("pruning", pruning);
        this.iterative = pruning.toBuilder().oneShot(false).build();
        this.oneShot = pruning.toBuilder().oneShot(true).build();
    }

    /** Runs iterative pruning, then the one-shot baseline. */
    public Result run() {
        List<PruningRoundRecord> imp = iterative.run(network.get(), data.get());
        List<PruningRoundRecord> baseline = oneShot.run(network.get(), data.get());
        return new Result(imp, baseline);
    }

    @Override
    public String toString() {
        return "PruningExperiment(" + iterative + " vs one-shot)";
    }
}
