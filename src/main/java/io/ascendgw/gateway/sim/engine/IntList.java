package io.ascendgw.gateway.sim.engine;

import java.util.Arrays;

/** A growable list of primitive ints (block ids); engine-thread only. */
final class IntList {

    private int[] values = new int[8];
    private int size;

    int size() {
        return size;
    }

    int get(int i) {
        return values[i];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void clear() {
        size = 0;
    }
}
