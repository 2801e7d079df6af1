package io.flotilla.cluster.hazelcast;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.flotilla.storage.spi.Versioned;

/**
 * After a split heals, keeps whichever copy of a {@link Versioned} value has the higher version, so an
 * upload session never moves backwards; the existing copy wins a tie. Values of other types keep the
 * existing copy. The durable row stays the truth either way: this only saves a fallback read.
 */
public final class HigherVersionMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

    /** The grid creates the policy by class name on every member. */
    public HigherVersionMergePolicy() {
    }

    @Override
    public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        if (merging.getDeserializedValue() instanceof Versioned<?> incoming
                && existing.getDeserializedValue() instanceof Versioned<?> current
                && incoming.version() > current.version()) {
            return merging.getRawValue();
        }
        return existing.getRawValue();
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Stateless: nothing to send.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Stateless: nothing to read.
    }
}
