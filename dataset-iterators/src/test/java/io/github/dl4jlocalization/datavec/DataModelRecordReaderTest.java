package io.github.dl4jlocalization.datavec;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.iterators.LabelFormat;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.listener.RecordListener;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.records.writer.RecordWriter;
import org.datavec.api.records.writer.impl.csv.CSVRecordWriter;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.partition.NumberOfRecordsPartitioner;
import org.datavec.api.writable.DoubleWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Writable;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataModelRecordReaderTest {
    private static final int L = 12;
    private static final int B = 25;
    private static final NlgpModel MODEL = new NlgpModel(3, new ClassPair(1, 3), L);

    private static DataModelRecordReader.Builder builder() {
        return new DataModelRecordReader.Builder(MODEL).numRecords(3 * B).blockSize(B).seed(4);
    }

    private static DataModelDataSetIterator.Builder iterator() {
        return new DataModelDataSetIterator.Builder(MODEL).batchSize(B).batchesPerEpoch(3).seed(4);
    }

    @Test
    void recordNIsRowOfSamplerBlock() {
        DataModelRecordReader reader = builder().numRecords(2 * B + 7).build();
        BatchSampler sampler = new BatchSampler(MODEL, 4);
        for (long n = 0; n < 2 * B + 7; n++) {
            assertTrue(reader.hasNext());
            List<Writable> record = reader.next();
            LabelledBatch block = sampler.sample(n / B, B);
            int row = (int) (n % B);
            assertEquals(L + 1, record.size());
            for (int i = 0; i < L; i++) {
                assertInstanceOf(DoubleWritable.class, record.get(i));
                assertEquals(block.features()[row * L + i], record.get(i).toDouble());
            }
            assertEquals(new IntWritable(block.labels()[row]), record.get(L));
        }
        assertFalse(reader.hasNext());
        assertThrows(NoSuchElementException.class, reader::next);
    }

    /** DataVec's classification path (one-hot labels) is the iterators' default. */
    @Test
    void classificationIteratorMatchesTheDataSetIterator() {
        DataSetIterator viaDataVec = new RecordReaderDataSetIterator(builder().build(), B, L, 2);
        DataSetIterator direct = iterator().build();
        assertEquals(direct.totalOutcomes(), viaDataVec.totalOutcomes());
        assertEquals(direct.getLabels(), viaDataVec.getLabels());
        assertSameData(direct, viaDataVec);
    }

    @Test
    void regressionIteratorMatchesTheDataSetIterator() {
        DataSetIterator viaDataVec = new RecordReaderDataSetIterator(builder().build(), B, L, L, true);
        DataSetIterator direct = iterator().labelFormat(LabelFormat.REGRESSION).build();
        assertSameData(direct, viaDataVec);
    }

    /** DataVec's iterator builds FLOAT arrays: compare with the FLOAT rounding of ours. */
    private static void assertSameData(DataSetIterator direct, DataSetIterator viaDataVec) {
        int batches = 0;
        while (direct.hasNext()) {
            assertTrue(viaDataVec.hasNext());
            DataSet a = direct.next();
            DataSet b = viaDataVec.next();
            assertEquals(a.getFeatures().castTo(DataType.FLOAT), b.getFeatures().castTo(DataType.FLOAT));
            assertEquals(a.getLabels().castTo(DataType.FLOAT), b.getLabels().castTo(DataType.FLOAT));
            batches++;
        }
        assertEquals(3, batches);
        assertFalse(viaDataVec.hasNext());
    }

    @Test
    void csvRecordWriterWritesTheRecords(@TempDir Path dir) throws Exception {
        File file = dir.resolve("nlgp.csv").toFile();
        DataModelRecordReader reader = builder().build();
        List<List<Writable>> written = new ArrayList<>();
        try (RecordWriter writer = new CSVRecordWriter()) {
            writer.initialize(new FileSplit(file), new NumberOfRecordsPartitioner());
            while (reader.hasNext()) {
                List<Writable> record = reader.next();
                written.add(record);
                writer.write(record);
            }
        }
        RecordReader csv = new CSVRecordReader();
        csv.initialize(new FileSplit(file));
        int n = 0;
        while (csv.hasNext()) {
            List<Writable> read = csv.next();
            List<Writable> expected = written.get(n++);
            for (int i = 0; i < L; i++) {
                assertEquals(expected.get(i).toDouble(), read.get(i).toDouble(), "shortest repr round-trips");
            }
            assertEquals(expected.get(L).toInt(), read.get(L).toInt());
        }
        assertEquals(3 * B, n);
    }

    @Test
    void loadFromMetaDataRegeneratesRecords() throws Exception {
        DataModelRecordReader reader = builder().build();
        List<Record> records = new ArrayList<>();
        while (reader.hasNext()) {
            records.add(reader.nextRecord());
        }
        Record late = records.get(2 * B + 3);
        RecordMetaDataIndex meta = (RecordMetaDataIndex) late.getMetaData();
        assertEquals(2 * B + 3, meta.getIndex());
        assertEquals(DataModelRecordReader.class, meta.getReaderClass());

        DataModelRecordReader other = builder().build(); // a fresh reader, nothing read yet
        assertEquals(late.getRecord(), other.loadFromMetaData(meta).getRecord());
        List<RecordMetaData> metas = List.of(records.get(1).getMetaData(), records.get(B + 1).getMetaData());
        List<Record> loaded = other.loadFromMetaData(metas);
        assertEquals(records.get(1).getRecord(), loaded.get(0).getRecord());
        assertEquals(records.get(B + 1).getRecord(), loaded.get(1).getRecord());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder().seed(5).build().loadFromMetaData(meta));
        assertTrue(e.getMessage().startsWith("recordMetaData source must be this reader's source"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> reader.loadFromMetaData(new RecordMetaDataIndex(3 * B, meta.getURI(), DataModelRecordReader.class)));
    }

    @Test
    void batchesResetAndListeners() {
        DataModelRecordReader reader = builder().numRecords(B + 5).build();
        int[] heard = {0};
        reader.setListeners(new CountingListener(heard));
        assertTrue(reader.batchesSupported());
        List<List<Writable>> first = reader.next(B);
        assertEquals(B, first.size());
        assertEquals(5, reader.next(B).size(), "the last call returns what remains");
        assertFalse(reader.hasNext());
        assertEquals(B + 5, heard[0]);
        assertTrue(reader.resetSupported());
        reader.reset();
        assertEquals(first.get(0), reader.next());
        assertEquals(List.of("0", "1"), reader.getLabels());
        assertEquals(1, reader.getListeners().size());
    }

    @Test
    void configurationOverridesAndSplitIsIgnored() {
        DataModelRecordReader reader = builder().build();
        reader.next();
        Configuration conf = new Configuration();
        conf.setLong(DataModelRecordReader.NUM_RECORDS, 7);
        conf.setLong(DataModelRecordReader.SEED, 9);
        conf.setInt(DataModelRecordReader.BLOCK_SIZE, 3);
        reader.initialize(conf, null);
        assertEquals(conf, reader.getConf());
        assertEquals(7, reader.numRecords());
        assertEquals(9, reader.seed());
        assertEquals(3, reader.blockSize());
        List<Writable> first = reader.next();
        reader.initialize(null);
        assertEquals(first, reader.next());

        Configuration bad = new Configuration();
        bad.setInt(DataModelRecordReader.BLOCK_SIZE, 0);
        assertEquals("blockSize must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> reader.setConf(bad)).getMessage());
    }

    @Test
    void streamsAreRejectedWithAReason() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> builder().build().record(URI.create("file:/tmp/x.csv"), null));
        assertTrue(e.getMessage().contains("generates its records"), e.getMessage());
    }

    @Test
    void invalidOptionsNameTheParameter() {
        assertEquals("numRecords must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> builder().numRecords(0).build()).getMessage());
        assertEquals("blockSize must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> builder().blockSize(0).build()).getMessage());
        assertEquals("model must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> new DataModelRecordReader.Builder(null))
                        .getMessage());
        assertEquals("num must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> builder().build().next(0)).getMessage());
    }

    private static final class CountingListener implements RecordListener {
        private static final long serialVersionUID = 1L;
        private final int[] count;
        private boolean invoked;

        CountingListener(int[] count) {
            this.count = count;
        }

        @Override
        public boolean invoked() {
            return invoked;
        }

        @Override
        public void invoke() {
            invoked = true;
        }

        @Override
        public void recordRead(RecordReader reader, Object record) {
            count[0]++;
        }

        @Override
        public void recordWrite(RecordWriter writer, Object record) {
        }
    }
}
