package dev.tabletalk.plannerrules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** #17: the edit distance on rolling rows and the ASCII skeleton give what the plain forms give. */
class WordsTest {

    @Test
    void distanceIsTheOptimalStringAlignmentDistanceStoppingAboveTheMaximum() {
        assertThat(Words.distance("customer", "cutsomer", 1)).isEqualTo(1);
        assertThat(Words.distance("customer", "custmoer", 2)).isEqualTo(1);
        assertThat(Words.distance("order", "orders", 1)).isEqualTo(1);
        assertThat(Words.distance("order", "", 2)).isEqualTo(3);
        assertThat(Words.distance("", "", 2)).isZero();
        Random random = new Random(17);
        for (int n = 0; n < 20_000; n++) {
            String a = word(random);
            String b = random.nextInt(3) == 0 ? mutate(a, random) : word(random);
            int max = random.nextInt(4);
            assertThat(Words.distance(a, b, max))
                    .as("%s / %s within %s", a, b, max)
                    .isEqualTo(table(a, b, max));
        }
    }

    @Test
    void anAsciiSkeletonIsTheWordInLowerCaseAndOthersAreNormalised() {
        assertThat(Words.skeleton("DeLeTe_Me-now's")).isEqualTo("delete_me-now's");
        assertThat(Words.skeleton("d\u0435l\u0435te")).isEqualTo("delete");
        assertThat(Words.skeleton("dele\u200Bte")).isEqualTo("delete");
        assertThat(Words.skeleton("\uFF44elete")).isEqualTo("delete");
    }

    /** The whole-table form the rolling rows replaced. */
    private static int table(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int length = random.nextInt(9);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(4)));
        }
        return word.toString();
    }

    private static String mutate(String word, Random random) {
        StringBuilder out = new StringBuilder(word);
        for (int edits = random.nextInt(3); edits >= 0; edits--) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            switch (random.nextInt(4)) {
                case 0 -> out.insert(at, (char) ('a' + random.nextInt(4)));
                case 1 -> {
                    if (out.length() > 0) {
                        out.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at + 1 < out.length()) {
                        char c = out.charAt(at);
                        out.setCharAt(at, out.charAt(at + 1));
                        out.setCharAt(at + 1, c);
                    }
                }
                default -> {
                    if (out.length() > 0) {
                        out.setCharAt(at, (char) ('a' + random.nextInt(4)));
                    }
                }
            }
        }
        return out.toString();
    }
}
