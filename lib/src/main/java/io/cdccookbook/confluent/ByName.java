package io.cdccookbook.confluent;

import io.cdccookbook.CookbookException;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds one thing by the name people gave it, and otherwise says what there is. */
final class ByName {

    private ByName() {
    }

    /**
     * @param kind    "environment", "Kafka cluster"
     * @param where   "" or " in environment 'default'", to follow the name in messages
     * @param setting the setting that names it, to point the user at
     */
    static <T> T pick(List<T> found, Function<T, String> nameOf, Function<T, String> idOf, String wanted,
                      String kind, String where, String setting) {
        List<T> matches = found.stream().filter(t -> nameOf.apply(t).equals(wanted)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            String names = found.stream().map(nameOf).sorted().collect(Collectors.joining(", "));
            throw new CookbookException("No " + kind + " named '" + wanted + "'" + where + "; found: "
                    + (names.isEmpty() ? "none" : names) + ".",
                    names.isEmpty()
                            ? "Create one in the Confluent Cloud UI, or check that the Cloud API key is of the right "
                                    + "organization."
                            : "Set " + setting + " to one of them.");
        }
        // display names need not be unique in Confluent Cloud; guessing would touch the wrong one
        throw new CookbookException(matches.size() + " " + kind + "s are named '" + wanted + "'" + where + " ("
                + matches.stream().map(idOf).collect(Collectors.joining(", ")) + ").",
                "Rename all but one in the Confluent Cloud UI, so that the name says which one to use.");
    }
}
