package io.cdccookbook.events;

/** The three kinds of change the generator makes, as the original's weights name them. */
public enum EventType { INSERT, UPDATE, DELETE }
