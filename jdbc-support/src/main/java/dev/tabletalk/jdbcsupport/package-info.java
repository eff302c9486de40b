/**
 * What the modules that talk JDBC share (issue #12): the supported databases ({@link
 * dev.tabletalk.jdbcsupport.Dialect}, detected from a JDBC URL or a connection's metadata), the one
 * classifier of SQLStates and vendor codes ({@link dev.tabletalk.jdbcsupport.SqlErrors}), and the one way
 * TableTalk's own stores pool their connections ({@link dev.tabletalk.jdbcsupport.StorePool}, HikariCP) and run
 * again work that met a connection lost in a restart ({@link dev.tabletalk.jdbcsupport.Transactions}). The JDK
 * and HikariCP only; it depends on no TableTalk module, and core never depends on it. Module-specific SQL
 * stays in its module.
 */
package dev.tabletalk.jdbcsupport;
