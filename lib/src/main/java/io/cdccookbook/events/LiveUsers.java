package io.cdccookbook.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The generator's memory of the users that are not deleted and how far each got with onboarding. It is
 * read from the table once, then kept up to date by the generator's own changes, so no event re-reads
 * the table (the original fetched every row for every event). Picking a random user is O(1).
 */
final class LiveUsers {

    /** Onboarding progress of one user. */
    static final class User {
        final int id;
        boolean emailVerified;
        boolean onboarded;

        User(int id, boolean emailVerified, boolean onboarded) {
            this.id = id;
            this.emailVerified = emailVerified;
            this.onboarded = onboarded;
        }
    }

    private final List<User> users = new ArrayList<>();
    private final Map<Integer, Integer> positions = new HashMap<>();

    void add(User user) {
        positions.put(user.id, users.size());
        users.add(user);
    }

    /** Removes in O(1) by moving the last user into the freed slot. */
    void remove(User user) {
        Integer at = positions.remove(user.id);
        if (at == null) {
            return;
        }
        User last = users.remove(users.size() - 1);
        if (last != user) {
            users.set(at, last);
            positions.put(last.id, at);
        }
    }

    User pick(Random random) {
        return users.get(random.nextInt(users.size()));
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    int size() {
        return users.size();
    }
}
