package dev.gatehouse.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** An account: the email as given, its normalized identity, the Argon2id hash and the roles. */
@Entity
@Table(name = "user_account")
public class UserAccount {

    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    @Id
    public UUID id;

    public String email;

    @Column(name = "email_normalized")
    public String emailNormalized;

    public String name;

    @Column(name = "password_hash")
    public String passwordHash;

    /** Space-separated role names. */
    public String roles;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static UserAccount create(String email, String name, String passwordHash, Collection<String> roles) {
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID();
        user.email = email.trim();
        user.emailNormalized = Emails.normalize(email);
        user.name = name;
        user.passwordHash = passwordHash;
        user.setRoles(roles);
        user.createdAt = Instant.now();
        user.updatedAt = user.createdAt;
        return user;
    }

    public Set<String> roleSet() {
        return roles == null || roles.isBlank()
                ? new LinkedHashSet<>()
                : new LinkedHashSet<>(Arrays.asList(roles.trim().split(" +")));
    }

    public void setRoles(Collection<String> names) {
        this.roles = String.join(" ", new TreeSet<>(names));
    }
}
