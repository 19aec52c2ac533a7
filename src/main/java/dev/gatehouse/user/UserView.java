package dev.gatehouse.user;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** The public view of an account: {@code {id, email, name, roles, createdAt}}. */
public record UserView(UUID id, String email, String name, Set<String> roles, Instant createdAt) {

    public static UserView of(UserAccount user) {
        return new UserView(user.id, user.email, user.name, user.roleSet(), user.createdAt);
    }
}
