package dev.tabletalk.core.port.out;

import dev.tabletalk.core.plan.Keyset;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * The positions of a read's rows ({@link ReadOutcome.Rows#positioned}), each worked out on first access and kept:
 * an unmodifiable list whose elements never change. Computing one twice at once is harmless, as each is the same.
 */
final class LazyPositions extends AbstractList<Keyset> implements RandomAccess {

    private final Keyset[] computed;
    private final IntFunction<Keyset> position;

    LazyPositions(int size, IntFunction<Keyset> position) {
        this.computed = new Keyset[size];
        this.position = Objects.requireNonNull(position, "position");
    }

    @Override
    public Keyset get(int index) {
        Objects.checkIndex(index, computed.length);
        Keyset keyset = computed[index];
        if (keyset == null) {
            keyset = Objects.requireNonNull(position.apply(index), "position");
            computed[index] = keyset;
        }
        return keyset;
    }

    @Override
    public int size() {
        return computed.length;
    }
}
