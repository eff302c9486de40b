/** The shared store against PostgreSQL, MariaDB and H2, with two servers on one store. */
package dev.tabletalk.statejdbc;
