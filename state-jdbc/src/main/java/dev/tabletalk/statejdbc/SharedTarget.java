package dev.tabletalk.statejdbc;

import java.util.Objects;
import java.util.Optional;

/**
 * The operator's latest connect as the shared store holds it.
 *
 * @param generation how many connects were made on any server; 0: none yet (every server serves its own
 *     {@code database.url})
 * @param description the database without credentials, e.g. {@code postgresql 10.0.0.5:5432/shop}; empty for 0
 * @param url the URL: without a password in clear, or sealed with the {@link SharedKey} when {@code sealed}; empty
 *     for generation 0
 * @param sealed whether {@code url} is sealed ({@link SharedKey#open} gives the URL)
 */
public record SharedTarget(long generation, String description, Optional<String> url, boolean sealed) {

    public SharedTarget {
        if (generation < 0) {
            throw new IllegalArgumentException("a generation is not negative: " + generation);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(url, "url");
    }

    /** No connect made yet. */
    public static SharedTarget none() {
        return new SharedTarget(0, "", Optional.empty(), false);
    }

    /** Never the URL, which may name a user; sealed or not, it is not shown. */
    @Override
    public String toString() {
        return "SharedTarget[generation=" + generation + ", " + description + (sealed ? ", sealed" : "") + "]";
    }
}
