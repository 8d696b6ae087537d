package io.cdccookbook.events;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LiveUsersTest {

    @Test
    void picksOnlyUsersThatAreStillThere() {
        LiveUsers live = new LiveUsers();
        LiveUsers.User[] users = new LiveUsers.User[10];
        for (int i = 0; i < 10; i++) {
            users[i] = new LiveUsers.User(i + 1, false, false);
            live.add(users[i]);
        }
        live.remove(users[0]);
        live.remove(users[9]);
        live.remove(users[4]);
        live.remove(users[4]); // twice is harmless

        Set<Integer> picked = new HashSet<>();
        Random random = new Random(1);
        for (int i = 0; i < 1_000; i++) {
            picked.add(live.pick(random).id);
        }
        assertThat(live.size()).isEqualTo(7);
        assertThat(picked).containsExactlyInAnyOrder(2, 3, 4, 6, 7, 8, 9);
    }
}
