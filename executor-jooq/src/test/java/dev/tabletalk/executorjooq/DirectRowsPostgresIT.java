package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.rows.RowSet;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** PostgreSQL reads straight from the result set give exactly what jOOQ records give, masked alike. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectRowsPostgresIT {

    private final String schema = JooqContractSupport.uniqueName();
    private HikariDataSource pool;

    private final List<Column> columns = List.of(
            column("id", ValueType.INTEGER, ColumnExposure.VISIBLE),
            column("small", ValueType.INTEGER, ColumnExposure.VISIBLE),
            column("name", ValueType.TEXT, ColumnExposure.VISIBLE),
            column("email", ValueType.TEXT, ColumnExposure.MASKED),
            column("amount", ValueType.DECIMAL, ColumnExposure.VISIBLE),
            column("ratio", ValueType.FLOAT, ColumnExposure.VISIBLE),
            column("active", ValueType.BOOLEAN, ColumnExposure.VISIBLE),
            column("born", ValueType.DATE, ColumnExposure.VISIBLE),
            column("seen", ValueType.TIMESTAMP, ColumnExposure.VISIBLE),
            column("created", ValueType.TIMESTAMP_TZ, ColumnExposure.VISIBLE),
            column("token", ValueType.UUID, ColumnExposure.VISIBLE),
            column("doc", ValueType.JSON, ColumnExposure.VISIBLE),
            column("blob", ValueType.BINARY, ColumnExposure.VISIBLE),
            column("secret_no", ValueType.INTEGER, ColumnExposure.MASKED));

    private static Column column(String name, ValueType type, ColumnExposure exposure) {
        return Column.builder(name, type).exposure(exposure, "test").build();
    }

    @BeforeAll
    void createTable() throws SQLException {
        JooqGuardedExecutorPostgresIT.admin("create schema " + schema);
        pool = JooqGuardedExecutorPostgresIT.pool(schema);
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table typed (id bigint primary key, small smallint, name text, email text,"
                    + " amount numeric(12,2), ratio double precision, active boolean, born date, seen timestamp,"
                    + " created timestamptz, token uuid, doc jsonb, blob bytea, secret_no integer)");
            statement.execute("insert into typed values"
                    + " (1, 7, 'Ann \u00e9\u00e8', 'ann@example.com', 12.50, 0.25, true, '2026-01-31',"
                    + " '2026-01-31 10:11:12.123456', '2026-01-31 10:11:12.5+05', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                    + " '{\"a\": 1}', '\\x0102', 42),"
                    + " (2, null, null, null, null, null, null, null, null, null, null, null, null, null),"
                    + " (3, -1, '', 'x', -0.01, 1e300, false, '1999-12-31', '1999-12-31 23:59:59',"
                    + " '1999-12-31 23:59:59-08', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12', '[]', '\\x', -5)");
        }
    }

    @AfterAll
    void dropSchema() throws SQLException {
        pool.close();
        JooqGuardedExecutorPostgresIT.admin("drop schema if exists " + schema + " cascade");
    }

    @Test
    @Tag("invariant-6")
    void everyTypeReadDirectlyEqualsTheJooqRecordValueAndMaskedColumnsStayMasked() {
        TargetDatabase database = TargetDatabase.open(pool, Limits.defaults());
        List<Field<?>> fields = new ArrayList<>();
        columns.forEach(c -> fields.add(Sql.field(c)));
        Field<Object> id = Sql.field(columns.get(0));

        for (int cap : List.of(100, 2)) {
            RowSet direct = database.transaction(
                            TargetDatabase.Mode.READ,
                            (db, attempt) -> DirectRows.fetch(
                                    db.select(fields)
                                            .from(DSL.table(DSL.name(schema, "typed")))
                                            .orderBy(id)
                                            .limit(cap + 1),
                                    columns,
                                    cap))
                    .toRowSet();
            Result<Record> records = database.transaction(
                    TargetDatabase.Mode.READ,
                    (db, attempt) -> db.select(fields)
                            .from(DSL.table(DSL.name(schema, "typed")))
                            .orderBy(id)
                            .limit(cap + 1)
                            .fetch());
            List<Map<String, Object>> expected = new ArrayList<>();
            for (int i = 0; i < Math.min(cap, records.size()); i++) {
                expected.add(RowValues.shown(records.get(i), columns));
            }

            assertThat(direct.rows()).isEqualTo(expected);
            assertThat(direct.hasMore()).isEqualTo(records.size() > cap);
        }
        RowSet all = database.transaction(
                        TargetDatabase.Mode.READ,
                        (db, attempt) -> DirectRows.fetch(
                                db.select(fields)
                                        .from(DSL.table(DSL.name(schema, "typed")))
                                        .orderBy(id)
                                        .limit(101),
                                columns,
                                100))
                .toRowSet();
        assertThat(all.rows().get(0))
                .containsEntry("email", "a***@example.com")
                .containsEntry("secret_no", "***")
                .containsEntry("small", 7L)
                .containsEntry("blob", "(binary data)");
    }

    @Test
    void timeColumnsAreLeftToJooqRecords() {
        assertThat(DirectRows.supports(columns)).isTrue();
        assertThat(DirectRows.supports(List.of(column("at", ValueType.TIME, ColumnExposure.VISIBLE))))
                .isFalse();
    }
}
