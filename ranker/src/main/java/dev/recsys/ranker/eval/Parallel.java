package dev.recsys.ranker.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** Maps shopper indexes to results on a fixed pool of named threads; results are stored by index. */
final class Parallel {
    private static final int BLOCK = 16;

    private Parallel() {}

    static <T> List<T> map(int count, int threads, String name, IntFunction<T> function) {
        Object[] results = new Object[count];
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int start = 0; start < count; start += BLOCK) {
                int from = start;
                int to = Math.min(count, start + BLOCK);
                tasks.add(pool.submit(() -> {
                    for (int i = from; i < to; i++) {
                        results[i] = function.apply(i);
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(results);
        return list;
    }
}
