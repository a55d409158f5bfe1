package io.linia.test;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Two nodes doing the same work at the same instant, for the tests that each item is done exactly once. */
public final class Race {

    private Race() {
    }

    /** Starts both together on threads of their own and returns the sum of what they report. */
    public static int sum(Callable<Integer> first, Callable<Integer> second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = nodes.submit(() -> {
                go.await();
                return first.call();
            });
            Future<Integer> b = nodes.submit(() -> {
                go.await();
                return second.call();
            });
            go.countDown();
            return a.get() + b.get();
        } finally {
            nodes.shutdownNow();
        }
    }
}
