package io.cdccookbook.confluent;

/** What a create or delete came to: callers report each differently. */
public enum Outcome {
    /** It was created, or deleted. */
    DONE,
    /** Nothing to do: it existed already (create) or was not there (delete). */
    ALREADY,
    /** A dry run: the request was only recorded in the plan. */
    PLANNED
}
