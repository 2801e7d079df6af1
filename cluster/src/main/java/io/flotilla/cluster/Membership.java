package io.flotilla.cluster;

import java.util.List;

/** Who is in the cluster, and whether this side of a split may act for it. */
public interface Membership {

    Member self();

    /** Every member this node sees, itself included, in the cluster's join order. */
    List<Member> members();

    /**
     * False while split-brain protection says this side is a minority (fewer than the configured minimum
     * of members). Always true when protection is off. A minority keeps serving: reads and CAS-guarded
     * writes stay correct; only partitioned background work stops, so that nothing runs twice.
     */
    boolean hasQuorum();

    /**
     * Runs {@code listener} after a member joins or leaves. It runs on a grid event thread: keep it short,
     * and do not call the grid from it.
     */
    void onChange(Runnable listener);
}
