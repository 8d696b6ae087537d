package io.cdccookbook.events;

import java.time.LocalDateTime;

/**
 * One change the generator made, as a replica must come to show it.
 *
 * @param id         the user
 * @param type       insert, update or delete
 * @param hardDelete a DELETE statement (the row disappears) rather than deleted=TRUE
 * @param updatedAt  the updated_at it wrote (null for a hard delete)
 */
public record GeneratedEvent(int id, EventType type, boolean hardDelete, LocalDateTime updatedAt) {
}
