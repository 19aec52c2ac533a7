package dev.gatehouse.user;

import dev.gatehouse.audit.AuditEventType;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.Outcome;
import dev.gatehouse.denylist.TokenDenylist;
import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Faults;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/** Accounts: registration, password checks and changes, listing. */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final TokenDenylist denylist;
    private final AuditLog audit;

    public UserService(
            UserRepository users,
            PasswordHasher hasher,
            PasswordPolicy policy,
            TokenDenylist denylist,
            AuditLog audit) {
        this.audit = audit;
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.denylist = denylist;
    }

    /** Creates an account with the given roles; 409 when the normalized email is taken. */
    public Uni<UserAccount> register(RegisterRequest request, Collection<String> roles) {
        if (!Emails.isPlausible(Emails.normalize(request.email()))) {
            throw ApiException.invalidRequest("email: must be a valid email address");
        }
        policy.check(request.password(), request.email());
        // Hash before the transaction: no connection is held during the slow KDF, and a race on
        // the same email is settled by the unique index, not by a read-then-write.
        return hasher.hash(request.password())
                .map(hash -> UserAccount.create(request.email(), blankToNull(request.name()), hash, roles))
                .chain(user -> Panache.withTransaction(() -> users.persist(user)))
                .invoke(user -> audit.record(
                        AuditEventType.REGISTERED, Outcome.SUCCESS, user.id.toString(), null, "roles " + user.roles))
                .onFailure(Faults::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "An account with this email already exists"));
    }

    /**
     * The account with this email and password, or 401 {@code invalid_credentials}. Unknown emails
     * cost one hash too, so the answer and its timing do not tell whether the account exists. A hash
     * with outdated parameters is replaced by one with the current parameters.
     */
    public Uni<UserAccount> authenticate(String email, String password) {
        return users.readByEmail(email)
                .chain(user -> hasher.verify(password, user == null ? null : user.passwordHash)
                        .chain(check -> {
                            if (user == null) {
                                return Uni.createFrom().failure(new BadCredentials(BadCredentials.UNKNOWN_USER, null));
                            }
                            if (!check.matches()) {
                                return Uni.createFrom()
                                        .failure(new BadCredentials(BadCredentials.WRONG_PASSWORD, user.id.toString()));
                            }
                            return check.needsRehash()
                                    ? rehash(user, password)
                                    : Uni.createFrom().item(user);
                        }));
    }

    private Uni<UserAccount> rehash(UserAccount user, String password) {
        return hasher.hash(password)
                .chain(hash -> users.updatePasswordHash(user.id, hash))
                .invoke(() -> Log.infof("Upgraded the password hash of user %s", user.id))
                .replaceWith(user);
    }

    /**
     * The hash of the caller's new password, once the current one is proven and the new one passes
     * the policy; nothing is stored yet (ending the other sessions with it is the session feature's).
     */
    public Uni<String> newPasswordHash(UUID userId, ChangePasswordRequest request) {
        return Panache.withSession(() -> users.findById(userId)).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(ApiException.invalidToken("The account no longer exists"));
            }
            return hasher.verify(request.currentPassword(), user.passwordHash).chain(check -> {
                if (!check.matches()) {
                    audit.record(
                            AuditEventType.PASSWORD_CHANGED,
                            Outcome.FAILURE,
                            userId.toString(),
                            null,
                            "wrong current password");
                    return Uni.createFrom()
                            .failure(new ApiException(
                                    ErrorCode.INVALID_CREDENTIALS, "The current password is incorrect"));
                }
                policy.check(request.newPassword(), user.email);
                return hasher.hash(request.newPassword());
            });
        });
    }

    /** Stores a new password hash, on the connection of the caller's transaction. */
    public Uni<Void> storePasswordHash(SqlConnection conn, UUID userId, String hash) {
        return users.updatePasswordHash(conn, userId, hash).replaceWithVoid();
    }

    /**
     * Replaces the user's roles. Access tokens carry roles, so the user's older tokens are refused
     * at once (refresh tokens stay valid and pick up the new roles at the next refresh).
     */
    public Uni<UserAccount> replaceRoles(UUID userId, java.util.Collection<String> roles) {
        return Panache.withTransaction(() -> users.findById(userId)
                        .onItem()
                        .ifNull()
                        .failWith(() -> new ApiException(ErrorCode.NOT_FOUND, "No user with this id"))
                        .invoke(user -> {
                            user.setRoles(roles);
                            user.updatedAt = Instant.now();
                        }))
                .call(user -> denylist.denyAllBefore(userId.toString(), System.currentTimeMillis(), null))
                .invoke(user -> audit.record(
                        AuditEventType.ROLES_CHANGED, Outcome.SUCCESS, userId.toString(), null, "roles " + user.roles));
    }

    /** The account, read without a session ({@link UserRepository#read}); 401 when it no longer exists. */
    public Uni<UserAccount> find(UUID id) {
        return users.read(id).onItem().ifNull().failWith(UserService::accountGone);
    }

    /** The refusal of a token whose account was deleted after it was issued. */
    public static ApiException accountGone() {
        return ApiException.invalidToken("The account no longer exists");
    }

    @WithSession
    public Uni<UserPage> list(int page, int size) {
        var query = users.findAll(Sort.by("createdAt").and("id")).page(Page.of(page, size));
        return query.list()
                .chain(items -> query.count()
                        .map(total ->
                                new UserPage(items.stream().map(UserView::of).toList(), page, size, total)));
    }

    /** The id of the account with this email, or null (for the audit trail of a blocked account). */
    public Uni<String> idOf(String email) {
        return users.readByEmail(email).map(user -> user == null ? null : user.id.toString());
    }

    /** Whether an account with this email exists (for the bootstrap admin, at every start: no session, no HQL). */
    public Uni<Boolean> exists(String email) {
        return users.existsWithEmail(Emails.normalize(email));
    }

    /** Whether the account with this id still exists (no session). */
    public Uni<Boolean> exists(UUID id) {
        return users.existsWithId(id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
