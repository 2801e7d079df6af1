package io.flotilla.cluster.hazelcast;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HigherVersionMergePolicyTest {

    private final HigherVersionMergePolicy policy = new HigherVersionMergePolicy();

    @Test
    void theHigherVersionWins() {
        var v2 = value(2);
        var v5 = value(5);
        assertEquals(v5.getRawValue(), policy.merge(v5, v2));
        assertEquals(v5.getRawValue(), policy.merge(v2, v5));
    }

    @Test
    void aTieKeepsTheExistingCopy() {
        var merging = value(3);
        var existing = value(3);
        assertEquals(existing.getRawValue(), policy.merge(merging, existing));
    }

    @Test
    void aMissingEntryTakesTheMergingOne() {
        var merging = value(1);
        assertEquals(merging.getRawValue(), policy.merge(merging, null));
    }

    /** A stand-in for the grid's merging entry; the raw value is a distinct marker object. */
    private static MergingValue<Object> value(long version) {
        Object deserialized = TestClusters.session("u", version);
        Object raw = new Object();
        return new MergingValue<>() {
            @Override
            public Object getDeserializedValue() {
                return deserialized;
            }

            @Override
            public Object getRawValue() {
                return raw;
            }
        };
    }
}
