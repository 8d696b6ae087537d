package io.cdccookbook.events;

import net.datafaker.Faker;

import java.util.List;
import java.util.Random;

/** Realistic user data from Datafaker, cut to the users table's column sizes. */
final class FakeUsers {

    static final List<String> LANGUAGES = List.of("EN", "ES", "FR", "DE", "IT");

    private final Faker faker;
    private final Random random;

    FakeUsers(Random random) {
        this.random = random;
        this.faker = new Faker(random);
    }

    String name() {
        return fit(faker.name().fullName(), 100);
    }

    String email() {
        return fit(faker.internet().emailAddress(), 100);
    }

    String address() {
        return fit(faker.address().fullAddress(), 100);
    }

    String phoneNumber() {
        return fit(faker.phoneNumber().phoneNumber(), 50);
    }

    String lang() {
        return LANGUAGES.get(random.nextInt(LANGUAGES.size()));
    }

    private static String fit(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
