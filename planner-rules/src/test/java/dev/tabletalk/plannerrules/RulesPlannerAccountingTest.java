package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.fixtures.SampleSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 slice A: every word of a message is accounted for, requests that today's plans cannot say are
 * refused with a message naming what was asked, values a field cannot hold are refused, and values are kept
 * as typed.
 */
@Tag("invariant-11")
class RulesPlannerAccountingTest {

    private static final SchemaView NORTHWIND = SampleSchemas.northwind();
    private static final SchemaView SAKILA = SampleSchemas.sakila();
    private static final SchemaView PAGILA = SampleSchemas.pagila();

    private final RulesPlanner planner = RulesPlanner.create();

    private PlannerOutput plan(String message, SchemaView schema) {
        return planner.plan(PlannerRequest.standalone(message, schema));
    }

    private String text(String message, SchemaView schema) {
        return PlanText.normalise(PlanText.of(plan(message, schema)));
    }

    private Refusal refusal(String message, SchemaView schema) {
        PlannerOutput output = plan(message, schema);
        assertThat(output.refusal()).as(message + " -> " + PlanText.of(output)).isPresent();
        return output.refusal().get();
    }

    @Test
    void wordsNoReaderPlacesAreNamedInARefusalNotDropped() {
        // sakila's customer has no country: listing every customer would be silently wrong
        Refusal germany = refusal("show customers from Germany", SAKILA);
        assertThat(germany.code()).isEqualTo(RefusalCode.NOT_UNDERSTOOD);
        assertThat(germany.message()).contains("\"from Germany\"").contains("nothing was read");
        assertThat(refusal("orders shipped late", NORTHWIND).message()).contains("late");
        assertThat(refusal("films that are good", SAKILA).message()).contains("\"that are good\"");
        // an unknown field next to a known condition is not dropped either
        assertThat(refusal("products with a rating above 4", NORTHWIND).message())
                .contains("rating");
        assertThat(refusal("films with a budget over 1000000", SAKILA).message())
                .contains("budget");
    }

    @Test
    void anUpdateNeverRunsWithFewerConditionsThanWereAsked() {
        Refusal refused = refusal("set active to false for staff whose nickname is Mike", PAGILA);
        assertThat(refused.message()).contains("nickname").contains("nothing was prepared or changed");
        assertThat(refusal("change the price of products from Exotic Liquids to 20", NORTHWIND)
                        .message())
                .contains("Exotic Liquids");
        // the same update without the unplaceable part is planned
        assertThat(text("set active to false for staff 2", PAGILA))
                .isEqualTo(PlanText.normalise("update staff set active = false where staff_id = 2"));
    }

    @Test
    void countingAndAggregatesThePlanCanSayArePlanned() {
        assertThat(text("how many customers are there", NORTHWIND))
                .isEqualTo(PlanText.normalise("read customers aggregate count"));
        assertThat(text("count the actors", PAGILA)).isEqualTo(PlanText.normalise("read actor aggregate count"));
        assertThat(text("number of orders whose ship country is France", NORTHWIND))
                .isEqualTo(PlanText.normalise("read orders aggregate count where ship_country = \"France\""));
        assertThat(text("what is the average rental rate of films", SAKILA))
                .isEqualTo(PlanText.normalise("read film aggregate avg rental_rate"));
        assertThat(text("count films per rating", PAGILA))
                .isEqualTo(PlanText.normalise("read film aggregate count by rating"));
        assertThat(text("top 5 customers by number of rentals", PAGILA))
                .isEqualTo(PlanText.normalise("read rental aggregate count by customer_id order count desc limit 5"));
        assertThat(text("how many films per rating and language", SAKILA))
                .isEqualTo(PlanText.normalise("read film aggregate count by rating, language_id"));
        assertThat(text("sum of freight per ship country", NORTHWIND))
                .isEqualTo(PlanText.normalise("read orders aggregate sum freight by ship_country"));
        assertThat(text("the email of customer 5", SAKILA))
                .isEqualTo(PlanText.normalise("read customer select email where customer_id = 5"));
        assertThat(text("top 3 ship countries by number of orders", NORTHWIND))
                .isEqualTo(PlanText.normalise("read orders aggregate count by ship_country order count desc limit 3"));
    }

    @Test
    void countingTotalsGroupingAndPagingThePlanCannotSayAreRefusedNamingWhatWasAsked() {
        // a sum of no number, a key, or a third group is not planned without it
        assertThat(refusal("sum of title of films", SAKILA).message())
                .contains("averages")
                .contains("\"sum\"");
        assertThat(refusal("total payments per customer", SAKILA).message()).contains("\"total\"");
        assertThat(refusal("how many rentals per customer per staff per store", SAKILA)
                        .message())
                .contains("cannot group");
        assertThat(refusal("how many orders by employee 4 per month", NORTHWIND).code())
                .isEqualTo(RefusalCode.NOT_UNDERSTOOD);
        assertThat(refusal("count of orders sorted by freight", NORTHWIND).message())
                .contains("sorted only by its groups");
        assertThat(refusal("count customers by country and city and region", NORTHWIND)
                        .message())
                .contains("\"and region\"");
        assertThat(refusal("customers whose country is neither Germany nor France", NORTHWIND)
                        .message())
                .contains("neither");
        assertThat(refusal("the 5 biggest orders", NORTHWIND).message()).contains("\"biggest\"");
        // two money fields (rental rate, replacement cost): neither the sort nor its limit is guessed, but asked (#13)
        assertThat(text("show the 3 most expensive films", SAKILA)).isEqualTo("ask [rental_rate, replacement_cost]");
        // films are not a field of rentals: no group is guessed through a second relationship
        assertThat(refusal("top 3 films by number of rentals", SAKILA).message())
                .contains("\"films\"");
        assertThat(refusal("films grouped by rating", PAGILA).message()).contains("cannot group");
        assertThat(refusal("rentals for each staff member", PAGILA).message()).contains("\"for each\"");
        assertThat(refusal("show more", NORTHWIND).message()).contains("cannot page");
        assertThat(refusal("next page", PAGILA).message()).contains("cannot page");
        assertThat(refusal("show me page 3 of the customers", NORTHWIND).message())
                .contains("cannot page");
        // words that are part of a field's name where they stand, and "more than", are no such requests
        assertThat(text("products with quantity per unit '10 boxes'", NORTHWIND))
                .isEqualTo(PlanText.normalise("read products where quantity_per_unit = \"10 boxes\""));
        assertThat(text("payments of more than 11 dollars", PAGILA))
                .isEqualTo(PlanText.normalise("read payment where amount > 11"));
    }

    @Test
    void aValueTheFieldCannotHoldIsRefused() {
        assertThat(refusal("staff where active is maybe", PAGILA).code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(refusal("orders with freight over cheap", NORTHWIND).message())
                .contains("freight holds numbers")
                .contains("\"cheap\"");
        Refusal rating = refusal("films with rating PG-18", SAKILA);
        assertThat(rating.code()).isEqualTo(RefusalCode.INVALID_ENUM_VALUE);
        assertThat(rating.message()).contains("PG-13");
        assertThat(refusal("set the rental rate of film 1 to free", SAKILA).code())
                .isEqualTo(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void booleansTakeYesNoTrueFalseOneAndZero() {
        for (String yes : new String[] {"yes", "true", "1"}) {
            assertThat(text("staff where active is " + yes, PAGILA))
                    .as(yes)
                    .isEqualTo(PlanText.normalise("read staff where active = true"));
        }
        for (String no : new String[] {"no", "false", "0"}) {
            assertThat(text("staff where active is " + no, PAGILA))
                    .as(no)
                    .isEqualTo(PlanText.normalise("read staff where active = false"));
        }
    }

    @Test
    void valuesAreKeptAsTyped() {
        assertThat(text("products whose name contains Anton's", NORTHWIND))
                .isEqualTo(PlanText.normalise("read products where product_name contains \"Anton's\""));
        assertThat(text("find addresses where address is 47 MySakila Drive", SAKILA))
                .isEqualTo(PlanText.normalise("read address where address = \"47 MySakila Drive\""));
        assertThat(text("show the country called Holy See (Vatican City State)", SAKILA))
                .isEqualTo(PlanText.normalise("read country where country = \"Holy See (Vatican City State)\""));
        assertThat(text("customers whose city is México D.F.", NORTHWIND))
                .isEqualTo(PlanText.normalise("read customers where city = \"México D.F.\""));
        // a full stop after a longer word ends the sentence
        assertThat(text("customers whose city is Berlin.", NORTHWIND))
                .isEqualTo(PlanText.normalise("read customers where city = \"Berlin\""));
        assertThat(text("suppliers in the city of New Orleans", NORTHWIND))
                .isEqualTo(PlanText.normalise("read suppliers where city = \"New Orleans\""));
        assertThat(text("change the phone of customer ALFKI to +49 30 0074321", NORTHWIND))
                .isEqualTo(PlanText.normalise(
                        "update customers set phone = \"+49 30 0074321\" where customer_id = \"ALFKI\""));
        assertThat(text("orders with freight over 1,000", NORTHWIND))
                .isEqualTo(PlanText.normalise("read orders where freight > 1000"));
    }
}
