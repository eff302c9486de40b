package dev.tabletalk.testkit.contract;

import java.util.List;
import java.util.Map;

/**
 * The reference shop's rows behind an executor under contract, reached around the executor (as
 * another connection would): the port-level contract's only view of storage. Values as in
 * {@link dev.tabletalk.testkit.executor.ShopSeed}: integers {@code Long}, a missing value {@code null}.
 */
public interface ShopRows {

    /** Puts the seed rows back; every test starts from them. */
    void seed();

    /** Every stored row of {@code table}, in key order, hidden columns included. */
    List<Map<String, Object>> rows(String table);

    /** Sets {@code column} of the row with this {@code id} behind the executor's back. */
    void change(String table, long id, String column, Object value);

    /** Adds a row behind the executor's back. */
    void insert(String table, Map<String, Object> row);
}
