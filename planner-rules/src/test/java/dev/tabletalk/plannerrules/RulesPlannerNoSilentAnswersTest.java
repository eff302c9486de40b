package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.fixtures.Catalogs;
import dev.tabletalk.testkit.fixtures.PlannerFixtures;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Invariant 11 in the rules planner (PUB-114): every part of a message is placed in the plan or the
 * request is refused with a message that names the part; nothing is silently dropped or cut short.
 */
@Tag("invariant-11")
class RulesPlannerNoSilentAnswersTest {

    private static final SchemaView SHOP = SchemaView.of(Catalogs.shop());
    private static final SchemaView SAKILA = SampleSchemas.sakila();
    private static final SchemaView NORTHWIND = SampleSchemas.northwind();
    private static final SchemaView MIXED = PlannerFixtures.mixedCase();

    private final RulesPlanner planner = RulesPlanner.create();

    private PlannerOutput plan(String message, SchemaView schema) {
        return planner.plan(PlannerRequest.standalone(message, schema));
    }

    private String text(String message, SchemaView schema) {
        return PlanText.normalise(PlanText.of(plan(message, schema)));
    }

    private static String plan(String expected) {
        return PlanText.normalise(expected);
    }

    // ---- numbers with thousands separators ----------------------------------------------------------

    @Test
    void aNumberWithThousandsSeparatorsIsOneNumber() {
        assertThat(plan("set the credit_limit of customer 5 to 1,000", SHOP).fields())
                .containsEntry("credit_limit", 1000L);
        assertThat(plan("change the credit limit of customer 7 to 12,345.67", SHOP)
                        .fields())
                .containsEntry("credit_limit", new BigDecimal("12345.67"));
        assertThat(plan("set customer 9's credit limit to 1,000,000", SHOP).fields())
                .containsEntry("credit_limit", 1000000L);
        assertThat(plan("customers with a credit limit over 2,500", SHOP).filters())
                .containsExactly(Filter.of("credit_limit", Op.GT, 2500L));
        assertThat(plan("products with unit price of at least 1,250.5", NORTHWIND)
                        .filters())
                .containsExactly(Filter.of("unit_price", Op.GE, new BigDecimal("1250.5")));
        assertThat(text("show orders with freight between 1,000 and 2,000", NORTHWIND))
                .isEqualTo(plan("read orders where freight between [1000, 2000]"));
        // in free text the number stays as typed
        assertThat(plan("set the notes of customer 5 to 1,000 boxes", SHOP).fields())
                .containsEntry("notes", "1,000 boxes");
    }

    @Test
    void aCommaThatSeparatesListItemsIsNoThousandsSeparator() {
        assertThat(text("show customers where id in (1,2,3)", SHOP))
                .isEqualTo(plan("read customers where id in [1, 2, 3]"));
        assertThat(text("customers whose id is in 1, 2, 3", SHOP))
                .isEqualTo(plan("read customers where id in [1, 2, 3]"));
        assertThat(text("customers where id in 4, 5 and 6", SHOP))
                .isEqualTo(plan("read customers where id in [4, 5, 6]"));
        // three digits after the comma, but a parenthesised list written without spaces is a list, as in SQL
        assertThat(text("customers where id in (100,200)", SHOP))
                .isEqualTo(plan("read customers where id in [100, 200]"));
        // grouped numbers inside a list keep their grouping
        assertThat(text("customers where credit limit in 1,000, 2,000 or 5,000", SHOP))
                .isEqualTo(plan("read customers where credit_limit in [1000, 2000, 5000]"));
        assertThat(text("films with length 100, 120 or 150", SAKILA))
                .isEqualTo(plan("read film where length in [100, 120, 150]"));
        // not three digits after the comma: not one number, and never silently 1 or 10000
        PlannerOutput odd = plan("customers where id is 1,0000", SHOP);
        assertThat(odd.refusal()).isPresent();
        assertThat(odd.filters()).isEmpty();
    }

    // ---- "or" -------------------------------------------------------------------------------------------

    @Test
    void orBetweenValuesOfOneFieldKeepsEveryValue() {
        for (String message : List.of(
                "show customers where name is Ada or name is Grace",
                "customers whose name is Ada or Grace",
                "customers where name = 'Ada' or name = 'Grace'",
                "find customers named Ada or Grace",
                "customers where the name is Ada or the name is Grace")) {
            assertThat(text(message, SHOP))
                    .as(message)
                    .isEqualTo(plan("read customers where name in [\"Ada\", \"Grace\"]"));
        }
        assertThat(text("customers where status is active or inactive", SHOP))
                .isEqualTo(plan("read customers where status in [\"active\", \"inactive\"]"));
        assertThat(text("actors whose first name is JOHNNY or first name is NICK or first name is ED", SAKILA))
                .isEqualTo(plan("read actor where first_name in [\"JOHNNY\", \"NICK\", \"ED\"]"));
        assertThat(text("customers whose name is Ada Lovelace or Grace Hopper", SHOP))
                .isEqualTo(plan("read customers where name in [\"Ada Lovelace\", \"Grace Hopper\"]"));
        // "not A or B" is neither of them: both are kept
        assertThat(text("customers where status is not active or blocked", SHOP))
                .isEqualTo(plan("read customers where status != \"active\"; status != \"blocked\""));
        // in an update too: the filter keeps both names
        PlannerOutput update = plan("update customers set status to blocked where name is Ada or name is Grace", SHOP);
        assertThat(update.intent()).isEqualTo(Intent.UPDATE);
        assertThat(update.filters()).containsExactly(Filter.of("name", Op.IN, List.of("Ada", "Grace")));
        assertThat(update.fields()).containsEntry("status", "blocked");
    }

    @Test
    void orBetweenConditionsOnDifferentFieldsIsRefusedNotHalfRead() {
        // a read takes "or" between conditions as alternatives (anyOf); a change, or a mix with "and", is refused
        for (String message : List.of(
                "update customers set status to blocked where name is Ada or status is active",
                "show customers where status is active and name is Ada or email is grace@x.org")) {
            PlannerOutput output = plan(message, SHOP);
            assertThat(output.refusal()).as(message).map(r -> r.code()).contains(RefusalCode.NOT_UNDERSTOOD);
            assertThat(output.refusal().get().message())
                    .as(message)
                    .contains("\"or ")
                    .contains("and");
            assertThat(output.filters()).as(message).isEmpty();
            assertThat(output.fields()).as(message).isEmpty();
        }
    }

    @Test
    void orBetweenConditionsOfAReadIsOneAnyOf() {
        assertThat(PlanText.of(plan("customers where name is Ada or email is grace@x.org", SHOP)))
                .isEqualTo("read customers where anyOf(email = \"grace@x.org\" | name = \"Ada\")");
        assertThat(PlanText.of(plan("show customers where status is active or credit limit is over 500", SHOP)))
                .isEqualTo("read customers where anyOf(credit_limit > 500 | status = \"active\")");
        // an alternative with no field of its own is not guessed
        assertThat(plan("customers with a credit limit under 5 or over 10", SHOP)
                        .refusal())
                .isPresent();
    }

    // ---- unknown fields ---------------------------------------------------------------------------------

    @Test
    void aConditionOnAFieldThatDoesNotExistIsRefusedNamingItAndTheFieldsThatCanBeUsed() {
        for (String message : List.of(
                "show customers where nonexistent is 5",
                "customers whose favourite colour is 'blue'",
                "list customers with shoe size = 42",
                "show customers where status is active and nonexistent is 5",
                "customers where name is Ada, nonexistent > 3",
                "customers where nonexistent is not empty")) {
            PlannerOutput output = plan(message, SHOP);
            assertThat(output.refusal()).as(message).map(r -> r.code()).contains(RefusalCode.UNKNOWN_FIELD);
            String reply = output.refusal().get().message();
            assertThat(reply)
                    .as(message)
                    .containsAnyOf("\"nonexistent\"", "\"favourite colour\"", "\"shoe size\"")
                    .contains("credit_limit", "nothing was read")
                    .doesNotContain("password_hash", "company_id");
            assertThat(output.intent()).isEqualTo(Intent.UNKNOWN);
            assertThat(output.filters()).isEmpty();
        }
    }

    @Test
    void anUpdateNeverRunsWithFewerConditionsThanWereAsked() {
        for (String message : List.of(
                "set the status of customer 5 to inactive where nonexistent is 5",
                "update customers set status to inactive where nonexistent is 5",
                "update customers set status to blocked where name is Ada and nonexistent is 5",
                "change the notes of customer 5 to hello if loyalty level = 'gold'")) {
            PlannerOutput output = plan(message, SHOP);
            assertThat(output.refusal()).as(message).map(r -> r.code()).contains(RefusalCode.UNKNOWN_FIELD);
            assertThat(output.refusal().get().message()).as(message).contains("nothing was prepared or changed");
            assertThat(output.intent()).as(message).isEqualTo(Intent.UNKNOWN);
            assertThat(output.fields()).as(message).isEmpty();
            assertThat(output.filters()).as(message).isEmpty();
        }
    }

    @Test
    void aChangeOfAFieldThatDoesNotExistGoesToNoOtherField() {
        for (String message : List.of(
                "set the nonexistent of customer 5 to 3",
                "set nonexistent to 3 for customer 5",
                "change the shoe size of customer 5 to 42")) {
            PlannerOutput output = plan(message, SHOP);
            assertThat(output.refusal()).as(message).map(r -> r.code()).contains(RefusalCode.UNKNOWN_FIELD);
            assertThat(output.refusal().get().message()).as(message).contains("Fields you can set:", "status");
            assertThat(output.fields()).as(message).isEmpty();
        }
        // a value word of a known field still works without naming it
        assertThat(text("set invoice 12 to paid", MIXED))
                .isEqualTo(plan("update Invoices set Status = \"paid\" where InvoiceId = 12"));
    }

    @Test
    void aValueThatBelongsToNoFieldIsRefusedRatherThanDropped() {
        PlannerOutput ids = plan("show customers with ids 1, 2, 3", SHOP);
        assertThat(ids.refusal()).map(r -> r.code()).contains(RefusalCode.NOT_UNDERSTOOD);
        assertThat(ids.refusal().get().message()).contains("\"ids 1, 2, 3\"").contains("id, name");
        assertThat(plan("films in aisle 7", SAKILA).refusal()).isPresent();
        assertThat(plan("customers in company 202", SHOP).refusal())
                .map(r -> r.code())
                .contains(RefusalCode.TENANT_COLUMN);
    }

    // ---- values as typed ----------------------------------------------------------------------------------

    @Test
    void valuesAreKeptAsTyped() {
        assertThat(plan("set the phone of customer 5 to +1 403 555 0100", SHOP).fields())
                .containsEntry("phone", "+1 403 555 0100");
        assertThat(plan("set the name of customer 5 to O'Brien & Sons", SHOP).fields())
                .containsEntry("name", "O'Brien & Sons");
        assertThat(plan("set the notes of customer 5 to Pride and Prejudice", SHOP)
                        .fields())
                .containsEntry("notes", "Pride and Prejudice");
        assertThat(plan("change the notes of customer 5 to call back on Monday. Thanks", SHOP)
                        .fields())
                .containsEntry("notes", "call back on Monday");
        assertThat(plan("set the notes of customer 5 to \"hello, world\"", SHOP).fields())
                .containsEntry("notes", "hello, world");
        assertThat(plan("set the notes of customer 5 to \"it's 'quoted'\"", SHOP)
                        .fields())
                .containsEntry("notes", "it's 'quoted'");
        assertThat(plan("set the email of customer 5 to ada.l+test@x.org", SHOP).fields())
                .containsEntry("email", "ada.l+test@x.org");
        assertThat(plan("set the name to Ada and Grace Ltd for customer 5", SHOP)
                        .fields())
                .containsEntry("name", "Ada and Grace Ltd");
        // the value ends where the next part starts: another field, a condition
        assertThat(text("set the notes of customer 5 to Pride and Prejudice, and the status to active", SHOP))
                .isEqualTo(
                        plan("update customers set notes = \"Pride and Prejudice\"; status = \"active\" where id = 5"));
        assertThat(text("set the name of customer 5 to Mary-Jane O'Neil and the phone to +44 20 7946 0958", SHOP))
                .isEqualTo(plan("update customers set name = \"Mary-Jane O'Neil\"; phone = \"+44 20 7946 0958\" "
                        + "where id = 5"));
    }
}
