package io.cdccookbook.tinybird;

import io.cdccookbook.cloud.RetryInterceptor;

import java.time.Clock;
import java.time.Duration;

/**
 * The time-dependent parts, injectable so tests neither wait nor depend on the hour.
 *
 * @param clock         gives the consumer group's unix-time suffix
 * @param sleeper       waits between polls of a Forward deployment
 * @param pollEvery     how often to ask whether a deployment is ready
 * @param deployTimeout how long a deployment may take before the command gives up waiting
 */
public record Timing(Clock clock, RetryInterceptor.Sleeper sleeper, Duration pollEvery, Duration deployTimeout) {

    public static Timing standard() {
        return new Timing(Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(2), Duration.ofMinutes(10));
    }

    /** How many times to ask before giving up. */
    int polls() {
        return (int) Math.max(1, deployTimeout.toMillis() / Math.max(1, pollEvery.toMillis()));
    }
}
