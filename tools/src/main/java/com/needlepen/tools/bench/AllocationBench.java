package com.needlepen.tools.bench;

/**
 * Bytes per tick in RUNNING: the same session script twice, on two pens. The first pass is not
 * counted: it makes the JIT compile every path the ticks take (in the interpreter or before escape
 * analysis, code allocates what compiled code does not); the second is the figure.
 */
final class AllocationBench {

    private AllocationBench() {
    }

    static AllocationFigures measure(PenSupply supply, long runningTicks, double depthMm, double rateHz) {
        AllocationPass warmUp = new AllocationPass(BenchPen.running(supply, "CART-BENCH-ALLOC-1", depthMm, rateHz),
                runningTicks);
        warmUp.run(null, null);
        AllocationPass measured = new AllocationPass(BenchPen.running(supply, "CART-BENCH-ALLOC-2", depthMm, rateHz),
                runningTicks);
        return measured.run(warmUp.runningTicks(), warmUp.runningBytes());
    }
}
