package dev.tabletalk.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Words, squashed forms and labels of identifiers in every spelling a catalog uses. */
class IdentifiersTest {

    @Test
    void splitsSnakeCamelPascalKebabAndDigits() {
        assertThat(Identifiers.words("order_details")).containsExactly("order", "details");
        assertThat(Identifiers.words("OrderDetails")).containsExactly("order", "details");
        assertThat(Identifiers.words("orderDetails")).containsExactly("order", "details");
        assertThat(Identifiers.words("order-details")).containsExactly("order", "details");
        assertThat(Identifiers.words("public.order_details")).containsExactly("public", "order", "details");
        assertThat(Identifiers.words("HTTPServer")).containsExactly("http", "server");
        assertThat(Identifiers.words("HTTPStatus")).containsExactly("http", "status");
        assertThat(Identifiers.words("CustomerID")).containsExactly("customer", "id");
        assertThat(Identifiers.words("ID")).containsExactly("id");
        assertThat(Identifiers.words("address2")).containsExactly("address", "2");
        assertThat(Identifiers.words("user_2fa_secret")).containsExactly("user", "2fa", "secret");
        assertThat(Identifiers.words("__created__At")).containsExactly("created", "at");
        assertThat(Identifiers.words("HTTPServerKey")).containsExactly("http", "server", "key");
        assertThat(Identifiers.words("sha256Hash")).containsExactly("sha", "256", "hash");
        assertThat(Identifiers.words("Größe straße")).containsExactly("größe", "straße");
        assertThat(Identifiers.words("__EFMigrationsHistory")).containsExactly("ef", "migrations", "history");
        assertThat(Identifiers.words("")).isEmpty();
    }

    @Test
    void squashesToLowerCaseLettersAndDigits() {
        assertThat(Identifiers.squash("Created_At")).isEqualTo("createdat");
        assertThat(Identifiers.squash(" first name ")).isEqualTo("firstname");
        assertThat(Identifiers.squash("e-mail.address2")).isEqualTo("emailaddress2");
    }

    @Test
    void labelsAColumnForAPerson() {
        assertThat(Identifiers.label("first_name")).isEqualTo("first name");
        assertThat(Identifiers.label("FirstName")).isEqualTo("first name");
        assertThat(Identifiers.label("last-update")).isEqualTo("last update");
        assertThat(Identifiers.label("address2")).isEqualTo("address2");
        assertThat(Identifiers.label("unit1Price")).isEqualTo("unit1 price");
        assertThat(Identifiers.label("_id_")).isEqualTo("id");
    }
}
