package dev.gatehouse.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserAccount, UUID> {

    /** The account whose normalized email matches, or null. */
    public Uni<UserAccount> findByEmail(String email) {
        return find("emailNormalized", Emails.normalize(email)).firstResult();
    }
}
