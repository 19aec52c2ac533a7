package dev.gatehouse.ratelimit;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.user.Emails;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured limits, bound to the key each one counts by. */
@ApplicationScoped
public class Limits {

    /** The name of the per-account login limit (the key is the normalized email). */
    public static final String LOGIN_ACCOUNT = "login-account";

    private final GatehouseConfig.RateLimit config;

    public Limits(GatehouseConfig config) {
        this.config = config.rateLimit();
    }

    public Limit api(String ip) {
        return new Limit("api", ip, config.api().max(), config.api().window());
    }

    public Limit oauth(String ip) {
        return new Limit("oauth", ip, config.oauth().max(), config.oauth().window());
    }

    public Limit loginByIp(String ip) {
        return new Limit("login-ip", ip, config.login().max(), config.login().window());
    }

    public Limit loginByAccount(String email) {
        return new Limit(LOGIN_ACCOUNT, Emails.normalize(email), config.login().accountMax(), config.login().window());
    }

    public Limit clientAuth(String clientId) {
        return new Limit("client-auth", clientId, config.clientAuth().max(), config.clientAuth().window());
    }
}
