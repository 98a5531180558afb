package io.conveyor.bench;

/**
 * Prints one line and exits: the cost of starting any JVM on this machine, which bench/run
 * shows beside Conveyor's start-up so that a reader can tell a slow machine from a slow start.
 */
public final class Hello {
    private Hello() {
    }

    /** @param args ignored */
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
