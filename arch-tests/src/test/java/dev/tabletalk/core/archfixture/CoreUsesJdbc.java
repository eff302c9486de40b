package dev.tabletalk.core.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks R1: core touches JDBC. */
public class CoreUsesJdbc {
    public boolean isOpen(Connection connection) throws SQLException {
        return !connection.isClosed();
    }
}
