package dev.gatehouse.oauth.client.declared;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** The environment of {@link ClientsFileTest}'s application: one made-up secret variable, then the real environment. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestEnvironment extends Environment {

    static final String SECRET_VARIABLE = "GATEHOUSE_TEST_CLIENT_SECRET";
    static final String SECRET = random();

    private static final Map<String, String> VARIABLES = Map.of(SECRET_VARIABLE, SECRET);

    @Override
    public String get(String name) {
        return VARIABLES.containsKey(name) ? VARIABLES.get(name) : super.get(name);
    }

    static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
