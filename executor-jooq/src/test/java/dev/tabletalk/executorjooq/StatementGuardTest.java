package dev.tabletalk.executorjooq;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("invariant-1")
class StatementGuardTest {

    private final StatementGuard guard = new StatementGuard();

    @Test
    void allowsSingleSelectInsertAndUpdate() {
        for (String sql : List.of(
                "select \"id\" from \"s\".\"customers\" where \"name\" ilike ? escape '!' order by \"id\" fetch next ? rows only",
                "insert into \"customers\" (\"name\") values (?) returning \"id\"",
                "update \"customers\" set \"notes\" = ? where (\"id\" in (?, ?) and \"company_id\" = ?)",
                "select \"id\" from final table (insert into \"customers\" (\"name\") values (?)) \"customers\"",
                "SELECT \"delete\", 'a; drop table x' FROM \"truncate\"",
                "select `id` from `db`.`customers` for update")) {
            assertThatCode(() -> guard.verdict(sql)).as(sql).doesNotThrowAnyException();
        }
    }

    @Test
    void refusesEverythingElse() {
        for (String sql : List.of(
                "delete from customers",
                "DELETE FROM \"customers\" WHERE \"id\" = ?",
                "truncate table orders",
                "drop table orders",
                "alter table customers drop column notes",
                "create table evil (x int)",
                "grant select on customers to public",
                "merge into customers using x on (1 = 1) when matched then delete",
                "select 1; delete from customers",
                "select 1;",
                "update customers set notes = (select 1) where id in (select id from (delete from x returning id) d)",
                "with gone as (delete from customers returning id) select * from gone",
                "select * from customers -- where company_id = 101",
                "select * from customers /* comment */",
                "select pg_sleep(10)",
                "set local statement_timeout = 0",
                "explain select * from customers",
                "call evil()",
                "",
                "   ")) {
            assertThatThrownBy(() -> guard.verdict(sql))
                    .as(sql)
                    .isInstanceOf(StatementGuard.ForbiddenStatementException.class);
        }
    }

    @Test
    void aSessionSettingIsAllowedOnlyExactlyAndOnlyWhileArmed() {
        String setting = "set local \"statement_timeout\" = 5000";

        assertThatCode(() -> StatementGuard.allowingSetting(setting, () -> {
                    guard.verdict(setting);
                    return null;
                }))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> StatementGuard.allowingSetting(setting, () -> {
                    guard.verdict("set local \"statement_timeout\" = 0");
                    return null;
                }))
                .isInstanceOf(StatementGuard.ForbiddenStatementException.class);
        assertThatThrownBy(() -> guard.verdict(setting)).isInstanceOf(StatementGuard.ForbiddenStatementException.class);
    }

    @Test
    void anExplainIsAllowedOnlyForASelectWithoutAnalyzeAndOnlyWhileArmed() {
        assertThatCode(() -> StatementGuard.allowingExplain(() -> {
                    guard.verdict("explain (format json) select \"id\" from \"customers\"");
                    return null;
                }))
                .doesNotThrowAnyException();
        for (String sql : List.of(
                "explain analyze select 1",
                "explain delete from customers",
                "explain (analyze true) update customers set notes = null")) {
            assertThatThrownBy(() -> StatementGuard.allowingExplain(() -> {
                        guard.verdict(sql);
                        return null;
                    }))
                    .as(sql)
                    .isInstanceOf(StatementGuard.ForbiddenStatementException.class);
        }
    }

    @Test
    void aTextAllowedOnceStaysAllowedAndOnlyWhatPassedTheFullCheckIsRemembered() {
        String select = "select \"id\" from \"customers\" where \"id\" = ?";
        String setting = "set \"statement_timeout\" = 5000";
        String explain = "explain select \"id\" from \"customers\"";

        guard.verdict(select);
        StatementGuard.allowingSetting(setting, () -> {
            guard.verdict(setting);
            return null;
        });
        StatementGuard.allowingExplain(() -> {
            guard.verdict(explain);
            return null;
        });

        assertThatCode(() -> guard.verdict(select)).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.verdict(setting)).isInstanceOf(StatementGuard.ForbiddenStatementException.class);
        assertThatThrownBy(() -> guard.verdict(explain)).isInstanceOf(StatementGuard.ForbiddenStatementException.class);
        assertThatThrownBy(() -> guard.verdict("delete from \"customers\""))
                .isInstanceOf(StatementGuard.ForbiddenStatementException.class);
        assertThatThrownBy(() -> guard.verdict("delete from \"customers\""))
                .isInstanceOf(StatementGuard.ForbiddenStatementException.class);
    }
}
