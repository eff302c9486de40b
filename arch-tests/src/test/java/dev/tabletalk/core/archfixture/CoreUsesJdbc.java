package dev.tabletalk.core.archfixture;

import java.sql.Connection;

/** Breaks R1: core touches JDBC. */
public class CoreUsesJdbc {
    public boolean isOpen(Connection connection) throws java.sql.SQLException {
        return !connection.isClosed();
    }
}
