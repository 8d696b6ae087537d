package io.cdccookbook.compare;

import io.cdccookbook.events.LatencyStats;
import io.cdccookbook.table.Rows;
import io.cdccookbook.table.ValueForm;
import io.cdccookbook.events.GeneratedEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tracks when each generated event became visible at the endpoint: an event is visible once the
 * endpoint's row for its user shows its updated_at or a later one, or, for a hard delete, once the row is
 * gone. Latency is then visible-at minus the commit time the generator reported.
 */
final class EventVisibility {

    private record Pending(GeneratedEvent event, String updatedAt, Instant committedAt) {
    }

    private final Map<String, List<Pending>> pendingById = new HashMap<>();
    private final int updatedAt;

    /** @param rows the users table's shape: events are found by id and seen through updated_at */
    EventVisibility(Rows rows) {
        this.updatedAt = rows.indexOf("updated_at");
    }
    private final LatencyStats latencies = new LatencyStats();
    private Instant lastCommit;

    synchronized void committed(List<GeneratedEvent> events, Instant committedAt) {
        lastCommit = committedAt;
        if (updatedAt < 0) {
            return; // not the users table: its events cannot be seen by their updated_at
        }
        for (GeneratedEvent e : events) {
            pendingById.computeIfAbsent(String.valueOf(e.id()), id -> new ArrayList<>())
                    .add(new Pending(e, e.updatedAt() == null ? null : ValueForm.timestamp(e.updatedAt()), committedAt));
        }
    }

    synchronized Set<String> pendingIds() {
        return Set.copyOf(pendingById.keySet());
    }

    /** @param rows the endpoint's rows for pending ids, as one poll saw them at {@code seenAt} */
    synchronized void observe(Map<String, String[]> rows, Instant seenAt) {
        pendingById.entrySet().removeIf(entry -> {
            List<Pending> events = entry.getValue();
            String[] row = rows.get(entry.getKey());
            int reflected = -1;
            if (row == null) {
                if (events.get(events.size() - 1).event().hardDelete()) {
                    reflected = events.size() - 1;
                }
            } else {
                for (int i = 0; i < events.size(); i++) {
                    String at = events.get(i).updatedAt();
                    if (at != null && row[updatedAt] != null && at.compareTo(row[updatedAt]) <= 0) {
                        reflected = i;
                    }
                }
            }
            for (int i = 0; i <= reflected; i++) {
                latencies.record(Math.max(0, Duration.between(events.get(i).committedAt(), seenAt).toNanos() / 1000));
            }
            events.subList(0, reflected + 1).clear();
            return events.isEmpty();
        });
    }

    synchronized boolean allVisible() {
        return pendingById.isEmpty();
    }

    synchronized Instant lastCommit() {
        return lastCommit;
    }

    LatencyStats latencies() {
        return latencies;
    }
}
