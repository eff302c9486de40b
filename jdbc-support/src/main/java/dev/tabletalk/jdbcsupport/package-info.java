/**
 * What the modules that talk JDBC share (issue #12): the supported databases ({@link
 * dev.tabletalk.jdbcsupport.Dialect}, detected from a JDBC URL or a connection's metadata) and the one
 * classifier of SQLStates and vendor codes ({@link dev.tabletalk.jdbcsupport.SqlErrors}). JDK only; it
 * depends on no TableTalk module, and core never depends on it. Module-specific SQL stays in its module.
 */
package dev.tabletalk.jdbcsupport;
