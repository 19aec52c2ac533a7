package dev.gatehouse.ratelimit;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.http.ControlCharacters;
import dev.gatehouse.token.OpaqueTokens;
import dev.gatehouse.user.Emails;
import jakarta.enterprise.context.ApplicationScoped;

/** The configured limits, bound to the key each one counts by. */
@ApplicationScoped
public class Limits {

    /** The name of the per-account login limit (the key is the normalized email). */
    public static final String LOGIN_ACCOUNT = "login-account";

    private static final int MAX_CLIENT_KEY = 128;

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

    public Limit register(String ip) {
        return new Limit(
                "register", ip, config.register().max(), config.register().window());
    }

    public Limit authorize(String ip) {
        return new Limit(
                "authorize", ip, config.authorize().max(), config.authorize().window());
    }

    public Limit deviceAuthorization(String ip) {
        return new Limit(
                "device-authorization",
                ip,
                config.deviceAuthorization().max(),
                config.deviceAuthorization().window());
    }

    public Limit deviceCode(String ip) {
        return new Limit(
                "device-code",
                ip,
                config.deviceCode().max(),
                config.deviceCode().window());
    }

    public Limit loginByIp(String ip) {
        return new Limit("login-ip", ip, config.login().max(), config.login().window());
    }

    public Limit loginByAccount(String email) {
        return new Limit(
                LOGIN_ACCOUNT,
                Emails.normalize(email),
                config.login().accountMax(),
                config.login().window());
    }

    /**
     * Failed authentications of one client from one address: an attacker elsewhere can never
     * lock the client out. An id no client could have (over-long, control characters) is keyed
     * by its hash, so it cannot bloat or break the Redis key.
     */
    public Limit clientAuth(String clientId, String ip) {
        String client = clientId.length() <= MAX_CLIENT_KEY && !ControlCharacters.present(clientId)
                ? clientId
                : "#" + OpaqueTokens.sha256Hex(clientId);
        return new Limit(
                "client-auth",
                ip + ":" + client,
                config.clientAuth().max(),
                config.clientAuth().window());
    }
}
