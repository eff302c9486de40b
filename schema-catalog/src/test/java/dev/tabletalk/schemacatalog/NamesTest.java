package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void theCacheGivesTheWordsAndSquashedFormOfAName() {
        Names.Cache names = new Names.Cache();
        assertThat(names.words("sha256Hash")).containsExactly("sha", "256", "hash");
        assertThat(names.words("sha256Hash")).isSameAs(names.words("sha256Hash"));
        assertThat(names.squash("Created_At")).isEqualTo("createdat");
    }

    @Test
    void patternGroupsMatchBareNamesQualifiedNamesAndRegexes() {
        NamePattern.Group group = NamePattern.Group.of(List.of("email", "*phone*", "users.note", "/x_\\d+/"));
        assertThat(group.firstMatch("EMAIL", "users.EMAIL")).isEqualTo("email");
        assertThat(group.firstMatch("mobile_phone", "users.mobile_phone")).isEqualTo("*phone*");
        assertThat(group.firstMatch("note", "users.note", "public.users.note")).isEqualTo("users.note");
        assertThat(group.firstMatch("note", "orders.note", "public.orders.note"))
                .isNull();
        assertThat(group.firstMatch("x_12", "t.x_12")).isEqualTo("/x_\\d+/");
        assertThat(NamePattern.Group.of(List.of()).firstMatch("anything")).isNull();
    }
}
