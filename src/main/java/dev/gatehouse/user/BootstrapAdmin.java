package dev.gatehouse.user;

import dev.gatehouse.config.GatehouseConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Creates the first admin from {@code gatehouse.bootstrap-admin.email} and {@code .password} when
 * no account has that email. Nothing is created without them: there is no built-in admin.
 */
public class BootstrapAdmin {

    void onStart(@Observes StartupEvent event, GatehouseConfig config, UserService users) throws Throwable {
        var admin = config.bootstrapAdmin();
        if (admin.email().isEmpty() || admin.password().isEmpty()) {
            return;
        }
        String email = admin.email().get();
        RegisterRequest request = new RegisterRequest(email, admin.password().get(), "Administrator");
        VertxContextSupport.subscribeAndAwait(() -> users.exists(email)
                .chain(exists -> exists
                        ? Uni.createFrom().voidItem()
                        : users.register(request, List.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN))
                                .invoke(user -> Log.infof("Created the bootstrap admin %s", user.id))
                                .replaceWithVoid()));
    }
}
