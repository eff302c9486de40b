package dev.tabletalk.plannerllm.archfixture;

import dev.tabletalk.core.rows.RowSet;
import java.sql.ResultSet;

/** Breaks R4 (invariant 8): a planner that sees rows and JDBC. */
public class PlannerReadsRows {
    public int peek(RowSet rows, ResultSet resultSet) {
        return rows.size() + resultSet.hashCode();
    }
}
