package dev.tabletalk.jdbcsupport;

/** Why a server refused a new connection, as {@link SqlErrors#loginFailure} reads it from the error. */
public enum LoginFailure {
    /** The user or the password is wrong (SQLState 28000, 28P01; MariaDB/MySQL 1045). */
    BAD_CREDENTIALS,
    /** The user may not use that database (MariaDB/MySQL 1044). */
    DATABASE_DENIED,
    /** The database does not exist (SQLState 3D000; MariaDB/MySQL 1049). */
    UNKNOWN_DATABASE
}
