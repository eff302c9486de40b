package dev.tabletalk.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fails the build unless each of the twelve invariants of the architecture brief has at least one
 * test tagged {@code @Tag("invariant-N")} somewhere in the reactor's test sources. ArchUnit only
 * sees production classes, so this reads the {@code src/test/java} trees of every module.
 *
 * <p>{@link #PENDING} names the invariants that no module can reach yet. It can only shrink: an
 * invariant listed there that has a test makes this fail until it is removed from the list.
 */
class InvariantCoverageTest {

    /** Invariants without a reachable test yet, by number. Empty when every invariant is covered. */
    static final Set<Integer> PENDING = Set.of();

    /** The invariants of the architecture brief, numbered from 1. */
    private static final int INVARIANTS = 12;

    private static final Pattern TAG = Pattern.compile("@Tag\\(\"invariant-(\\d+)\"\\)");

    private static Map<Integer, Set<String>> testsByInvariant;

    @BeforeAll
    static void scanTheReactor() throws IOException {
        Path root = Paths.get("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml"))
                .as("the reactor root above arch-tests")
                .exists();
        testsByInvariant = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .filter(p -> !p.startsWith(root.resolve("arch-tests/src/test/java/dev/tabletalk/archtests")))
                    .forEach(InvariantCoverageTest::collect);
        }
        // the architecture rules themselves (ArchitectureTest) guard invariants 1, 2 and 8 statically
        Set<String> rules = Set.of("arch-tests/ArchitectureTest");
        for (int n : new int[] {1, 2, 8}) {
            testsByInvariant.computeIfAbsent(n, k -> new TreeSet<>()).addAll(rules);
        }
    }

    private static void collect(Path file) {
        try {
            Matcher matcher = TAG.matcher(Files.readString(file));
            while (matcher.find()) {
                int invariant = Integer.parseInt(matcher.group(1));
                testsByInvariant
                        .computeIfAbsent(invariant, k -> new TreeSet<>())
                        .add(file.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyInvariantHasATaggedTestUnlessPending() {
        for (int invariant = 1; invariant <= INVARIANTS; invariant++) {
            if (PENDING.contains(invariant)) {
                continue;
            }
            assertThat(testsByInvariant.getOrDefault(invariant, Set.of()))
                    .as("tests tagged @Tag(\"invariant-%d\")", invariant)
                    .isNotEmpty();
        }
    }

    @Test
    void thePendingListOnlyShrinks() {
        for (int invariant : PENDING) {
            assertThat(testsByInvariant.getOrDefault(invariant, Set.of()))
                    .as("invariant %d has tests now: remove it from PENDING", invariant)
                    .isEmpty();
        }
    }

    @Test
    void onlyTheTenInvariantsAreTagged() {
        assertThat(testsByInvariant.keySet()).allSatisfy(n -> assertThat(n).isBetween(1, INVARIANTS));
    }
}
