package dev.gatehouse.user;

/**
 * The outcome of checking a password against a stored hash.
 *
 * @param matches     whether the password is right
 * @param needsRehash whether the stored hash uses other parameters than the current ones and should
 *                    be replaced by a fresh hash of this password; only ever true when it matches
 */
public record PasswordCheck(boolean matches, boolean needsRehash) {}
