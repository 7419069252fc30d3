package org.nathear.runner.probe;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.FeatureMap;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.OutputInfo;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.DatasetProto;
import org.tribuo.protos.core.ExampleProto;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.util.Merger;

/**
 * A read-only Tribuo {@link Dataset} whose examples are views of {@link FeatureRows} (memory-mapped
 * embeddings): no feature value is copied onto the heap when the dataset is built, and every Tribuo
 * trainer can train on it. Feature names are {@code f0000…} in column order; the output domain
 * holds every class of the vocabulary (also those without training examples), as hear-eval-kit's
 * probe has one output per vocabulary entry.
 *
 * <p>Trainers that know this class ({@link MlpTrainer}) read {@link #rows()} directly; others iterate
 * the examples, each of which reads its row when its features are iterated.
 */
public final class EmbeddingDataset<T extends Output<T>> extends Dataset<T> {
    private static final long serialVersionUID = 1L;

    private final transient FeatureRows rows;
    private final String[] names;
    private final ImmutableFeatureMap featureIDs;
    private final MutableFeatureMap featureMap;
    private final MutableOutputInfo<T> outputInfo;
    private final ImmutableOutputInfo<T> outputIDs;

    /**
     * @param outputs     one output per row
     * @param allOutputs  outputs the domain must hold even without examples (e.g. every vocabulary class)
     */
    public EmbeddingDataset(OutputFactory<T> factory, FeatureRows rows, List<T> outputs, Collection<T> allOutputs,
                            String description) {
        super(new SimpleDataSourceProvenance(description, factory), factory);
        if (outputs.size() != rows.size()) {
            throw new IllegalArgumentException(outputs.size() + " outputs for " + rows.size() + " rows");
        }
        this.rows = rows;
        this.names = TribuoProbe.featureNames(rows.dimension());
        this.featureMap = new MutableFeatureMap();
        for (String name : names) {
            featureMap.add(name, 0.0);
        }
        this.featureIDs = new ImmutableFeatureMap(featureMap);
        this.outputInfo = factory.generateInfo();
        for (T o : allOutputs) {
            outputInfo.observe(o);
        }
        for (int i = 0; i < outputs.size(); i++) {
            T o = outputs.get(i);
            outputInfo.observe(o);
            data.add(new RowExample<>(o, rows, i, names));
        }
        this.outputIDs = outputInfo.generateImmutableOutputInfo();
    }

    /** The rows behind the examples, in example order. */
    public FeatureRows rows() {
        return rows;
    }

    @Override
    public Set<T> getOutputs() {
        return outputIDs.getDomain();
    }

    @Override
    public ImmutableOutputInfo<T> getOutputIDInfo() {
        return outputIDs;
    }

    @Override
    public OutputInfo<T> getOutputInfo() {
        return outputInfo;
    }

    @Override
    public ImmutableFeatureMap getFeatureIDMap() {
        return featureIDs;
    }

    @Override
    public FeatureMap getFeatureMap() {
        return featureMap;
    }

    @Override
    public DatasetProvenance getProvenance() {
        return new DatasetProvenance(sourceProvenance, new ListProvenance<>(), this);
    }

    @Override
    public DatasetProto serialize() {
        throw new UnsupportedOperationException("EmbeddingDataset is a view of memory-mapped embeddings and is not serialised");
    }

    /**
     * One row of a {@link FeatureRows} as a dense Tribuo example; immutable.
     */
    static final class RowExample<T extends Output<T>> extends Example<T> {
        private static final long serialVersionUID = 1L;
        private final transient FeatureRows rows;
        private final int row;
        private final String[] names;

        RowExample(T output, FeatureRows rows, int row, String[] names) {
            super(output);
            this.rows = rows;
            this.row = row;
            this.names = names;
        }

        int row() {
            return row;
        }

        float[] values() {
            float[] v = new float[names.length];
            rows.read(row, v);
            return v;
        }

        private ArrayExample<T> materialise() {
            float[] v = values();
            double[] d = new double[v.length];
            for (int j = 0; j < v.length; j++) {
                d[j] = v[j];
            }
            return new ArrayExample<>(output, names, d);
        }

        @Override
        public Iterator<Feature> iterator() {
            float[] v = values();
            return new Iterator<>() {
                private int j;

                @Override
                public boolean hasNext() {
                    return j < names.length;
                }

                @Override
                public Feature next() {
                    if (j >= names.length) {
                        throw new NoSuchElementException();
                    }
                    Feature f = new Feature(names[j], v[j]);
                    j++;
                    return f;
                }
            };
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public boolean validateExample() {
            return names.length > 0;
        }

        @Override
        public boolean isDense(FeatureMap fMap) {
            if (fMap.size() != names.length) {
                return false;
            }
            for (String name : names) {
                if (fMap.get(name) == null) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Example<T> copy() {
            return materialise();
        }

        @Override
        public ExampleProto serialize() {
            return materialise().serialize();
        }

        @Override
        protected void sort() {
            // names are generated in sorted order
        }

        @Override
        public void add(Feature feature) {
            throw readOnly();
        }

        @Override
        public void addAll(Collection<? extends Feature> features) {
            throw readOnly();
        }

        @Override
        public void removeFeatures(List<Feature> features) {
            throw readOnly();
        }

        @Override
        public void reduceByName(Merger merger) {
            // names are unique: nothing to reduce
        }

        @Override
        protected void densify(List<String> featureNames) {
            if (featureNames.size() != names.length || !featureNames.equals(List.of(names))) {
                throw readOnly();
            }
        }

        @Override
        public void set(Feature feature) {
            throw readOnly();
        }

        @Override
        public void canonicalize(FeatureMap featureMap) {
            // feature names are already the canonical (interned-by-array) strings
        }

        private static UnsupportedOperationException readOnly() {
            return new UnsupportedOperationException("examples of an EmbeddingDataset are read-only views of embeddings");
        }
    }
}
