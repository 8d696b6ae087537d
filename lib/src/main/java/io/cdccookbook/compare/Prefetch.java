package io.cdccookbook.compare;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs a row producer on its own thread and hands its rows over in chunks, so the source table and the
 * endpoint are read at the same time while the comparison walks both.
 */
final class Prefetch implements Iterator<String[]> {

    /** Produces rows into the consumer it is given; may throw. */
    @FunctionalInterface
    interface Producer {
        void produce(Consumer<String[]> rows) throws Exception;
    }

    private static final List<String[]> END = new ArrayList<>();
    private static final int CHUNK = 2_000;

    private final BlockingQueue<List<String[]>> queue = new ArrayBlockingQueue<>(16);
    private volatile RuntimeException failure;
    private List<String[]> chunk = List.of();
    private int at;

    Prefetch(String name, Producer producer) {
        Thread t = new Thread(() -> {
            List<String[]> pending = new ArrayList<>(CHUNK);
            try {
                producer.produce(row -> {
                    pending.add(row);
                    if (pending.size() == CHUNK) {
                        put(new ArrayList<>(pending));
                        pending.clear();
                    }
                });
                if (!pending.isEmpty()) {
                    put(pending);
                }
            } catch (RuntimeException e) {
                failure = e;
            } catch (Exception e) {
                failure = new IllegalStateException(e.getMessage(), e);
            } finally {
                put(END);
            }
        }, "prefetch-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void put(List<String[]> rows) {
        try {
            queue.put(rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean hasNext() {
        while (at == chunk.size()) {
            if (chunk == END) {
                if (failure != null) {
                    throw failure;
                }
                return false;
            }
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            at = 0;
        }
        return true;
    }

    @Override
    public String[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(at++);
    }
}
