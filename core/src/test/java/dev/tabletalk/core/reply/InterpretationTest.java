package dev.tabletalk.core.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Related;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.rows.RowSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class InterpretationTest {

    private static RowSet rows(int count, boolean more) {
        return new RowSet(List.of("id"), Collections.nCopies(count, Map.<String, Object>of("id", 1L)), more);
    }

    @Test
    void aReadIsStatedInOneLineWithItsSortingAndItsRowCount() {
        ReadPlan plan = new ReadPlan(
                "public.customers",
                List.of(),
                List.of(AnyOf.of(Filter.eq("country", "Germany"), Filter.eq("country", "France"))),
                List.of(Sort.ascending("last_name")),
                OptionalInt.empty());

        assertThat(Interpretation.of(plan, rows(9, false)))
                .isEqualTo("customers where country is Germany or country is France, sorted by last name; 9 rows");
        assertThat(Interpretation.of(plan))
                .isEqualTo("customers where country is Germany or country is France, sorted by last name");
    }

    @Test
    void aLinkReadsAsTheRowItPointsAtNestedAndWithSeveralConditions() {
        ReadPlan tracks = ReadPlan.of(
                "tracks", List.of(Related.of("album_id", "albums", Filter.eq("title", "Let There Be Rock"))));
        ReadPlan byArtist = ReadPlan.of(
                "tracks",
                List.of(Related.of(
                        "album_id", "albums", Related.of("artist_id", "artists", Filter.eq("name", "AC/DC")))));
        ReadPlan invoices = ReadPlan.of(
                "invoices",
                List.of(Related.of(
                        "customer_id",
                        "customers",
                        Filter.eq("first_name", "Leonie"),
                        Filter.eq("last_name", "Köhler"))));
        ReadPlan keyless = ReadPlan.of(
                "employees",
                List.of(Not.of(Related.of("reports_to", "employees", Filter.eq("title", "General Manager")))));

        assertThat(Interpretation.of(tracks)).isEqualTo("tracks where album is one whose title is Let There Be Rock");
        assertThat(Interpretation.of(byArtist))
                .isEqualTo("tracks where album is one whose artist is one whose name is AC/DC");
        assertThat(Interpretation.of(invoices))
                .isEqualTo("invoices where customer is one whose first name is Leonie and last name is Köhler");
        assertThat(Interpretation.of(keyless))
                .isEqualTo("employees where not (employee is one whose title is General Manager)");
    }

    @Test
    void everyFormIsWorded() {
        List<Condition> conditions = List.of(
                Filter.of("total", Op.GE, 10L),
                AnyOf.of(Filter.of("name", Op.ENDS_WITH, "son"), Not.of(Filter.of("city", Op.IS_NULL, null))),
                Filter.of("status", Op.NOT_IN, List.of("gone", "lost")),
                Filter.of("day", Op.BETWEEN, List.of(1L, 5L)));
        ReadPlan plan = new ReadPlan(
                        "orders",
                        List.of("id", "total"),
                        conditions,
                        List.of(Sort.descending("total"), Sort.ascending("id")),
                        OptionalInt.of(5))
                .withOffset(10);

        assertThat(Interpretation.of(plan, rows(1, false)))
                .isEqualTo(
                        "orders where total is at least 10 and (name ends with 'son' or not (city is empty))"
                                + " and status is none of gone or lost and day is between 1 and 5,"
                                + " sorted by total descending, then id, showing id, total, at most 5 rows, from row 11; 1 row");
        assertThat(Interpretation.of(ReadPlan.of("orders", List.of()), rows(0, false)))
                .isEqualTo("orders; no rows");
        assertThat(Interpretation.of(ReadPlan.of("orders", List.of()), rows(100, true)))
                .isEqualTo("orders; first 100 rows, more exist");
    }

    @Test
    void anAggregateSaysWhatItComputesPerWhichGroups() {
        ReadPlan top = new ReadPlan(
                "invoices",
                List.of(),
                List.of(Filter.of("total", Op.GT, 1L)),
                List.of(Sort.descending("count")),
                OptionalInt.of(5),
                0,
                Optional.of(Aggregate.count("billing_country")));
        ReadPlan average = ReadPlan.of("invoices", List.of()).withAggregate(Aggregate.of(Aggregate.Fn.AVG, "total"));

        assertThat(Interpretation.of(top, rows(5, true)))
                .isEqualTo("number of invoices where total is above 1, per billing country, sorted by count descending,"
                        + " at most 5 rows; first 5 rows, more exist");
        assertThat(Interpretation.of(average)).isEqualTo("average total of invoices");
    }
}
