package io.cdccookbook.events;

import java.time.Instant;
import java.util.List;

/** Hears each transaction the generator commits: its events, and when the commit returned. */
@FunctionalInterface
public interface CommitListener {
    void committed(List<GeneratedEvent> events, Instant committedAt);
}
