/** Tests of the audit store: canonical JSON and redaction (unit), the JDBC log on H2, PostgreSQL and MariaDB (IT). */
package dev.tabletalk.audit;
