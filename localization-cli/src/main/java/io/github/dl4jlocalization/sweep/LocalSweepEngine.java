package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs work units on {@code workers} threads of this JVM. Each unit trains single-threaded: ND4J's
 * BLAS is limited to one thread in-process ({@code Nd4j.factory().blas().setMaxThreads(1)}; the
 * environment's {@code OMP_NUM_THREADS} cannot be changed from inside the JVM and
 * {@code Nd4j.getEnvironment().setMaxThreads} has no effect in 1.0.0-M2.1, dl4j-notes), and units
 * generate their batches without a prefetch thread. Sized for the cores: several small trainings
 * side by side use them better than one multi-threaded training.
 */
public final class LocalSweepEngine implements SweepEngine {
    private final int workers;

    /** @param workers threads, >= 1 */
    public LocalSweepEngine(int workers) {
        this.workers = Require.atLeast("workers", workers, 1);
    }

    /** The number of worker threads. */
    public int workers() {
        return workers;
    }

    @Override
    public void execute(List<WorkUnit> units, Path unitsDir, Consumer<UnitResult> sink) {
        Require.nonNull("units", units);
        Require.nonNull("unitsDir", unitsDir);
        Require.nonNull("sink", sink);
        if (units.isEmpty()) {
            return;
        }
        // every unit runs in this JVM: one that cannot fit is refused before any runs
        units.forEach(u -> u.config().requireFits());
        Nd4j.factory().blas().setMaxThreads(1);
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, units.size()), r -> {
            Thread t = new Thread(r, "sweep-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(units.size());
            for (WorkUnit unit : units) {
                futures.add(pool.submit(() -> sink.accept(unit.execute(unitsDir.resolve(unit.id())))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sweep interrupted", e);
        } catch (ExecutionException e) {
            // only the sink can throw (e.g. a result file that cannot be written): stop the sweep
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("sweep worker failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "LocalSweepEngine[" + workers + " workers]";
    }
}
