package dev.gatehouse.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the dashboard shows beyond the audit event counts: failed logins by reason
 * ({@code gatehouse_login_failures_total{reason}}) and tokens issued at the token endpoint by grant
 * ({@code gatehouse_tokens_issued_total{grant}}). Both label sets are fixed (anything else counts
 * as {@code other}), and every series exists from start-up at 0.
 */
@ApplicationScoped
public class AuthMetrics {

    /** The reasons of {@code login_failed} audit events. */
    static final List<String> LOGIN_FAILURE_REASONS =
            List.of("wrong_password", "unknown_user", "blocked", "rate_limited", "other");
    /** The grants of {@code /oauth2/token}. */
    static final List<String> GRANTS =
            List.of("authorization_code", "client_credentials", "refresh_token", "password", "other");

    private final Map<String, Counter> loginFailures;
    private final Map<String, Counter> tokensIssued;

    public AuthMetrics(MeterRegistry registry) {
        this.loginFailures = counters(
                registry, "gatehouse.login.failures", "Failed logins by reason", "reason", LOGIN_FAILURE_REASONS);
        this.tokensIssued = counters(
                registry, "gatehouse.tokens.issued", "Tokens issued at the token endpoint by grant", "grant", GRANTS);
    }

    /** A failed login, by the audit event's reason. */
    public void loginFailed(String reason) {
        loginFailures.getOrDefault(reason, loginFailures.get("other")).increment();
    }

    /** A token response of {@code /oauth2/token} for this grant type. */
    public void tokenIssued(String grantType) {
        tokensIssued.getOrDefault(grantType, tokensIssued.get("other")).increment();
    }

    private static Map<String, Counter> counters(
            MeterRegistry registry, String name, String description, String label, List<String> values) {
        return values.stream()
                .collect(Collectors.toUnmodifiableMap(
                        Function.identity(),
                        value -> Counter.builder(name)
                                .description(description)
                                .tag(label, value)
                                .register(registry)));
    }
}
