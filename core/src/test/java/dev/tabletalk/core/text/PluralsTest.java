package dev.tabletalk.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** {@link Plurals#singular} against the word list in {@code singulars.txt}. */
class PluralsTest {

    @Test
    void everyWordOfTheListHasItsSingular() throws IOException {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String line : lines()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] pair = line.strip().split("\\s+");
            String expected = pair.length > 1 ? pair[1] : pair[0];
            String actual = Plurals.singular(pair[0]);
            if (!actual.equals(expected)) {
                wrong.add(pair[0] + " -> " + actual + " (expected " + expected + ")");
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(90);
        assertThat(wrong).isEmpty();
    }

    @Test
    void keepsTheCaseOfTheWord() {
        assertThat(Plurals.singular("Customers")).isEqualTo("Customer");
        assertThat(Plurals.singular("CATEGORIES")).isEqualTo("CATEGORY");
        assertThat(Plurals.singular("Categories")).isEqualTo("Category");
        assertThat(Plurals.singular("People")).isEqualTo("Person");
        assertThat(Plurals.singular("InvoiceLine")).isEqualTo("InvoiceLine");
    }

    private static List<String> lines() throws IOException {
        try (InputStream in = Objects.requireNonNull(PluralsTest.class.getResourceAsStream("singulars.txt"));
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
