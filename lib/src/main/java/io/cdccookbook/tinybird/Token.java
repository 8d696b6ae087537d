package io.cdccookbook.tinybird;

/**
 * A {@code TOKEN <name> <scope>} line: Tinybird creates the token and gives it {@code scope} on the
 * resource, e.g. READ on an endpoint pipe.
 */
public record Token(String name, String scope) {
}
