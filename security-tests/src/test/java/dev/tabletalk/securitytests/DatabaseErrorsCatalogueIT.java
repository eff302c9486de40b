package dev.tabletalk.securitytests;

import static dev.tabletalk.securitytests.Plans.eq;
import static dev.tabletalk.securitytests.Plans.f;
import static dev.tabletalk.securitytests.Plans.fields;
import static dev.tabletalk.securitytests.SecureShop.EDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Catalogue cases about truthful answers to the database's own errors (PUB-112): a PostgreSQL native
 * enum column filters, creates and updates like any other, an invalid value gets the allowed values,
 * and nothing is ever answered as "database unavailable". G1-G7 are checked after each case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("invariant-11")
class DatabaseErrorsCatalogueIT {

    private SecureShop shop;

    @BeforeAll
    void start() {
        shop = SecureShop.start(
                "enums",
                Limits.defaults(),
                "create type mpaa_rating as enum ('G', 'PG', 'PG-13', 'R', 'NC-17')",
                "create table films (id bigserial primary key, company_id bigint not null, title text not null, "
                        + "rating mpaa_rating not null default 'G')",
                "insert into films (company_id, title, rating) values (101, 'Alpha', 'G'), (101, 'Beta', 'PG'), "
                        + "(101, 'Gamma', 'R'), (202, 'other tenant film', 'PG')");
    }

    @AfterAll
    void stop() {
        if (shop != null) {
            shop.close();
        }
    }

    @Test
    void pub112_aNativeEnumColumnFiltersCreatesAndUpdatesAndAnInvalidValueGetsTheAllowedValues() {
        CaseRun run = new CaseRun(shop);
        assertThat(titles(run.plan(EDITOR, Plans.read("films", eq("rating", "PG")))))
                .containsExactly("Beta");
        assertThat(titles(run.plan(EDITOR, Plans.read("films", f("rating", Op.NE, "PG")))))
                .containsExactlyInAnyOrder("Alpha", "Gamma");
        assertThat(titles(run.plan(EDITOR, Plans.read("films", f("rating", Op.IN, List.of("G", "R"))))))
                .containsExactlyInAnyOrder("Alpha", "Gamma");

        Reply create = run.plan(EDITOR, Plans.create("films", fields("title", "Delta", "rating", "PG-13")));
        SecureShop.assertCommitted(
                run.confirm(EDITOR, create.sessionId(), SecureShop.previewId(create)), Intent.CREATE, 1);
        Reply update = run.plan(EDITOR, Plans.update("films", fields("rating", "NC-17"), eq("title", "Gamma")));
        SecureShop.assertCommitted(
                run.confirm(EDITOR, update.sessionId(), SecureShop.previewId(update)), Intent.UPDATE, 1);
        assertThat(shop.queryString("select string_agg(title || '=' || rating::text, ',' order by id) from films"))
                .isEqualTo("Alpha=G,Beta=PG,Gamma=NC-17,other tenant film=PG,Delta=PG-13");

        Reply invalidRead = run.plan(EDITOR, Plans.read("films", eq("rating", "X")));
        Reply invalidCreate = run.plan(EDITOR, Plans.create("films", fields("title", "Epsilon", "rating", "XXX")));
        for (Reply invalid : List.of(invalidRead, invalidCreate)) {
            assertThat(invalid.refusal())
                    .as(invalid.text())
                    .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RefusalCode.INVALID_ENUM_VALUE));
            assertThat(invalid.text()).contains("G, PG, PG-13, R, NC-17");
        }
        for (Reply reply : run.replies()) {
            assertThat(reply.part(ReplyPart.Error.class))
                    .as("never an error: %s", reply.text())
                    .isEmpty();
            assertThat(reply.text()).doesNotContainIgnoringCase("unavailable");
        }
        assertThat(shop.queryLong("select count(*) from films where title = 'Epsilon'"))
                .isZero();
        run.assertGlobalAfterConfirmedChange();
        assertThat(shop.queryString("select title from films where company_id = 202"))
                .isEqualTo("other tenant film");
    }

    private static List<String> titles(Reply reply) {
        ReplyPart.Rows rows = reply.part(ReplyPart.Rows.class).orElseThrow(() -> new AssertionError(reply.text()));
        return rows.rows().rows().stream()
                .map(row -> String.valueOf(row.get("title")))
                .toList();
    }
}
