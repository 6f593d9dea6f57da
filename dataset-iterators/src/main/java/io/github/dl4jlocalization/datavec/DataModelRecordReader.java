package io.github.dl4jlocalization.datavec;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.util.Require;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.listener.RecordListener;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;

import java.io.DataInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A DataVec {@link RecordReader} that generates {@code numRecords} labelled samples of a
 * {@link DataModel}: each record is {@code D} {@link DoubleWritable}s (the input) followed by one
 * {@link IntWritable}, the class label 0 or 1 (column index {@code D}).
 *
 * <p>Records are generated in blocks of {@code blockSize} through a {@link BatchSampler}: record
 * {@code n} is row {@code n % blockSize} of sampler batch {@code n / blockSize}, a pure function
 * of (seed, n). With {@code blockSize == batchSize} and the same seed, the records are therefore
 * exactly the batches of an ONLINE {@link DataModelDataSetIterator}, row by row.
 *
 * <p>Usage, e.g. to feed a DataVec pipeline or to export a data set:
 * <pre>{@code
 * RecordReader reader = new DataModelRecordReader.Builder(model)
 *         .numRecords(100_000).blockSize(1000).seed(1).build();
 * // classification, one-hot labels [B, 2] (as DataModelDataSetIterator's default) for a softmax output ...
 * DataSetIterator it = new RecordReaderDataSetIterator(reader, 1000, model.dimension(), 2);
 * // ... or the papers' scalar target y in {0, 1}, [B, 1] (LabelFormat.REGRESSION), for their MSE networks
 * DataSetIterator reg = new RecordReaderDataSetIterator(reader, 1000, model.dimension(), model.dimension(), true);
 * // export: while (reader.hasNext()) csvWriter.write(reader.next());
 * }</pre>
 *
 * <p>The data are generated, not read: {@link #initialize(InputSplit)} ignores its split (it may
 * be {@code null}) and {@link #record(URI, DataInputStream)} is unsupported. The optional
 * configuration keys {@link #NUM_RECORDS}, {@link #SEED} and {@link #BLOCK_SIZE} override the
 * builder's values in {@link #initialize(Configuration, InputSplit)} and
 * {@link #setConf(Configuration)}. Each record carries a {@link RecordMetaDataIndex} from which
 * {@link #loadFromMetaData(RecordMetaData)} regenerates it.
 *
 * <p>Not thread-safe (like every DataVec reader); serialisable.
 */
public final class DataModelRecordReader implements RecordReader {
    private static final long serialVersionUID = 1L;

    /** Configuration key of the number of records (long, >= 1). */
    public static final String NUM_RECORDS = NAME_SPACE + ".datamodel.numRecords";
    /** Configuration key of the data seed (long). */
    public static final String SEED = NAME_SPACE + ".datamodel.seed";
    /** Configuration key of the generation block size (int, >= 1). */
    public static final String BLOCK_SIZE = NAME_SPACE + ".datamodel.blockSize";

    private final DataModel model;
    private long numRecords;
    private int blockSize;
    private BatchSampler sampler;
    /** Its keys are applied when set; kept only for {@link #getConf()}. */
    private transient Configuration conf;
    private List<RecordListener> listeners = new ArrayList<>();

    /** Index of the next record. */
    private long next;
    /** The most recently generated block and its index (regenerated on demand). */
    private transient LabelledBatch block;
    private transient long blockIndex = -1;

    private DataModelRecordReader(Builder builder) {
        this.model = builder.model;
        configure(builder.numRecords, builder.seed, builder.blockSize);
    }

    private void configure(long numRecords, long seed, int blockSize) {
        this.numRecords = Require.atLeast("numRecords", numRecords, 1L);
        this.blockSize = Require.atLeast("blockSize", blockSize, 1);
        this.sampler = new BatchSampler(model, seed);
        this.block = null;
        this.blockIndex = -1;
        this.next = 0;
    }

    /** The data model. */
    public DataModel model() {
        return model;
    }

    /** Number of records of one pass. */
    public long numRecords() {
        return numRecords;
    }

    /** The data seed. */
    public long seed() {
        return sampler.seed();
    }

    /** Samples per generation block. */
    public int blockSize() {
        return blockSize;
    }

    /** Starts over at record 0; the split is ignored, since the records are generated. */
    @Override
    public void initialize(InputSplit split) {
        reset();
    }

    /**
     * Applies the optional keys {@link #NUM_RECORDS}, {@link #SEED}, {@link #BLOCK_SIZE} of
     * {@code conf} (absent keys keep their values) and starts over at record 0; the split is
     * ignored, since the records are generated.
     *
     * @throws IllegalArgumentException naming an invalid key's parameter
     */
    @Override
    public void initialize(Configuration conf, InputSplit split) {
        setConf(conf);
        reset();
    }

    /**
     * Stores {@code conf} and applies its optional keys as
     * {@link #initialize(Configuration, InputSplit)} does, starting over at record 0 ({@code null}
     * keeps every value and the position).
     */
    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
        if (conf != null) {
            configure(conf.getLong(NUM_RECORDS, numRecords), conf.getLong(SEED, sampler.seed()),
                    conf.getInt(BLOCK_SIZE, blockSize));
        }
    }

    /** The configuration last set, or {@code null}. */
    @Override
    public Configuration getConf() {
        return conf;
    }

    /** True: {@link #next(int)} returns whole lists of records. */
    @Override
    public boolean batchesSupported() {
        return true;
    }

    /**
     * The next {@code num} records, or all that remain if fewer.
     *
     * @throws NoSuchElementException if no record remains
     */
    @Override
    public List<List<Writable>> next(int num) {
        Require.atLeast("num", num, 1);
        requireNext();
        int count = (int) Math.min(num, numRecords - next);
        List<List<Writable>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /**
     * The next record.
     *
     * @throws NoSuchElementException if all {@code numRecords} records have been read
     */
    @Override
    public List<Writable> next() {
        requireNext();
        List<Writable> record = generate(next++);
        for (RecordListener listener : listeners) {
            listener.recordRead(this, record);
        }
        return record;
    }

    private void requireNext() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + numRecords + " records have been read: call reset()");
        }
    }

    @Override
    public boolean hasNext() {
        return next < numRecords;
    }

    /** {@code ["0", "1"]}. */
    @Override
    public List<String> getLabels() {
        return DataModelDataSetIterator.LABEL_NAMES;
    }

    /** Starts over at record 0 (the same records again). */
    @Override
    public void reset() {
        next = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /**
     * Unsupported: the records are generated from the model and the seed, not parsed from a
     * stream.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("DataModelRecordReader generates its records from "
                + model.description() + " and a seed; it cannot read them from a stream (" + uri
                + "): use next() or nextRecord()");
    }

    /** The next record with its {@link RecordMetaDataIndex}. */
    @Override
    public Record nextRecord() {
        long index = next;
        return new org.datavec.api.records.impl.Record(next(), metaData(index));
    }

    /**
     * Regenerates the record described by {@code recordMetaData}, a {@link RecordMetaDataIndex}
     * made by a reader with the same model, seed and block size.
     *
     * @throws IllegalArgumentException for metadata of another kind, source or out-of-range index
     */
    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        Require.that(recordMetaData instanceof RecordMetaDataIndex, "recordMetaData", recordMetaData,
                "a RecordMetaDataIndex from a DataModelRecordReader");
        RecordMetaDataIndex meta = (RecordMetaDataIndex) recordMetaData;
        URI source = source();
        Require.that(source.equals(meta.getURI()), "recordMetaData source", meta.getURI(),
                "this reader's source " + source);
        long index = meta.getIndex();
        Require.that(index >= 0 && index < numRecords, "recordMetaData index", index,
                "in [0, " + numRecords + ")");
        return new org.datavec.api.records.impl.Record(generate(index), meta);
    }

    /** Regenerates each record of {@code recordMetaDatas} (see {@link #loadFromMetaData(RecordMetaData)}). */
    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<Record> out = new ArrayList<>(recordMetaDatas.size());
        for (RecordMetaData meta : recordMetaDatas) {
            out.add(loadFromMetaData(meta));
        }
        return out;
    }

    @Override
    public List<RecordListener> getListeners() {
        return listeners;
    }

    /** Replaces the listeners; each is told of every record read by {@code next}. */
    @Override
    public void setListeners(RecordListener... listeners) {
        setListeners(Arrays.asList(listeners));
    }

    /** Replaces the listeners; each is told of every record read by {@code next}. */
    @Override
    public void setListeners(Collection<RecordListener> listeners) {
        this.listeners = new ArrayList<>(listeners);
    }

    /** Releases the cached block; nothing else is held. */
    @Override
    public void close() {
        block = null;
        blockIndex = -1;
    }

    /** Record {@code index}: row {@code index % blockSize} of sampler batch {@code index / blockSize}. */
    private List<Writable> generate(long index) {
        long b = index / blockSize;
        if (block == null || blockIndex != b) {
            block = sampler.sample(b, blockSize);
            blockIndex = b;
        }
        int row = (int) (index % blockSize);
        int d = block.dimension();
        double[] x = block.features();
        List<Writable> record = new ArrayList<>(d + 1);
        for (int i = row * d, end = row * d + d; i < end; i++) {
            record.add(new DoubleWritable(x[i]));
        }
        record.add(new IntWritable(block.labels()[row]));
        return record;
    }

    private RecordMetaDataIndex metaData(long index) {
        return new RecordMetaDataIndex(index, source(), DataModelRecordReader.class);
    }

    /** Identifies the generated data: model description (every parameter), seed and block size. */
    private URI source() {
        try {
            return new URI("datamodel", model.description() + "?seed=" + sampler.seed() + "&blockSize=" + blockSize, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("model description " + model.description() + " does not fit in a URI", e);
        }
    }

    @Override
    public String toString() {
        return "DataModelRecordReader[" + model.description() + ", seed=" + sampler.seed() + ", numRecords="
                + numRecords + ", blockSize=" + blockSize + ", next=" + next + "]";
    }

    /**
     * Builder: {@code new DataModelRecordReader.Builder(model).numRecords(n).seed(s).blockSize(b).build()}.
     */
    public static final class Builder {
        private final DataModel model;
        private long numRecords = 10_000;
        private long seed;
        private int blockSize = 1000;

        /**
         * @param model the data model, not null
         */
        public Builder(DataModel model) {
            this.model = Require.nonNull("model", model);
        }

        /** Records of one pass, >= 1 (default 10,000). */
        public Builder numRecords(long numRecords) {
            this.numRecords = numRecords;
            return this;
        }

        /** The data seed (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Samples per generation block, >= 1 (default 1000): equal to an iterator's batch size,
         * the records are that iterator's batches row by row.
         */
        public Builder blockSize(int blockSize) {
            this.blockSize = blockSize;
            return this;
        }

        /**
         * Builds the reader.
         *
         * @throws IllegalArgumentException naming the first invalid option
         */
        public DataModelRecordReader build() {
            return new DataModelRecordReader(this);
        }
    }
}
