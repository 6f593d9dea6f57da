/**
 * DL4J {@code DataSetIterator}s over the data models of {@code io.github.dl4jlocalization.data}.
 *
 * <p>{@link io.github.dl4jlocalization.iterators.DataModelDataSetIterator} iterates any
 * {@link io.github.dl4jlocalization.data.DataModel} (online or on a fixed training set, resumable,
 * safe to prefetch); each data model has a named iterator with a builder for its parameters,
 * e.g. {@link io.github.dl4jlocalization.iterators.NlgpDataSetIterator}. A new one is a subclass
 * with a private constructor and a builder that extends
 * {@link io.github.dl4jlocalization.iterators.DataModelDataSetIterator.TaskBuilder}, adds the
 * model's own parameters and builds the model in {@code model()}.
 */
package io.github.dl4jlocalization.iterators;
