package io.flotilla.node.auth;

import io.flotilla.node.access.Caller;
import io.flotilla.node.access.RobotAccount;
import io.flotilla.node.access.UserAccount;
import io.flotilla.node.access.Users;
import io.flotilla.node.access.Robots;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a user name and password (or robot secret, or an OIDC user's CLI secret) and returns the caller.
 * The throttle is asked first, so a backed-off caller never reaches Argon2 or the directory; a success is
 * remembered briefly by the credential cache, so a Basic-auth client pays the hash once per minute, not per
 * request. Accounts are read from the store, not a cache, so a disable or password change applies at once
 * (except to credentials already cached on a node: within the cache's TTL, and at once on the node that made
 * the change).
 */
public final class Authenticator {

    private final Users users;
    private final Robots robots;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final CredentialCache<Caller> cache;
    private final Optional<PasswordDirectory> ldap;
    private final Clock clock;
    /**
     * Argon2 holds 19 MiB and a core for ~40 ms: a flood of Basic requests with made-up passwords must queue
     * here rather than take every core and the heap.
     */
    private final java.util.concurrent.Semaphore hashing =
            new java.util.concurrent.Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));
    private final java.util.List<java.util.function.Consumer<String>> forgetting =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Checked against for unknown users, so that answering them takes as long as a wrong password. */
    private final String decoy;

    public Authenticator(Users users, Robots robots, PasswordHasher hasher, LoginThrottle throttle,
                         CredentialCache<Caller> cache, Optional<PasswordDirectory> ldap, Clock clock) {
        this.users = users;
        this.robots = robots;
        this.hasher = hasher;
        this.throttle = throttle;
        this.cache = cache;
        this.ldap = ldap;
        this.clock = clock;
        this.decoy = hasher.hash(PasswordHasher.randomPassword());
    }

    /** The caller these credentials prove, or a {@link LoginFailedException}. */
    public Caller login(String username, char[] password, String source) {
        if (username == null || username.isEmpty() || password == null || password.length == 0) {
            // An empty password is an anonymous bind to LDAP, which "succeeds": refuse it before anything.
            throw LoginFailedException.wrongCredentials();
        }
        Optional<Caller> cached = cache.get(username, password);
        if (cached.isPresent()) {
            return cached.get();
        }
        Duration wait = throttle.check(username, source);
        if (wait.isPositive()) {
            throw new LoginFailedException("too many failed logins; retry later", wait);
        }
        Optional<Caller> caller = username.startsWith(RobotAccount.PREFIX)
                ? robot(username, password)
                : user(username, password);
        if (caller.isEmpty()) {
            throw failed(username, source);
        }
        throttle.succeeded(username, source);
        cache.put(username, password, caller.get());
        return caller.get();
    }

    /** Forgets cached credentials of an account whose password, secret or state changed. */
    public void forget(String username) {
        cache.invalidateUser(username);
        forgetting.forEach(other -> other.accept(username));
    }

    /** Also tells {@code other} (a cache of authentications above this one) when an account is forgotten. */
    public void alsoForget(java.util.function.Consumer<String> other) {
        forgetting.add(other);
    }

    private LoginFailedException failed(String username, String source) {
        throttle.failed(username, source);
        return LoginFailedException.wrongCredentials();
    }

    private Optional<Caller> robot(String name, char[] secret) {
        Optional<RobotAccount> robot = robots.read(name).filter(r -> r.usableAt(clock.instant()));
        String hash = robot.map(RobotAccount::secretHash).orElse(decoy);
        boolean matches = verify(secret, hash == null ? decoy : hash);
        return robot.filter(r -> matches && r.secretHash() != null).map(Caller::robot);
    }

    private Optional<Caller> user(String name, char[] password) {
        Optional<UserAccount> account = users.read(name);
        if (account.isPresent()) {
            UserAccount a = account.get();
            if (a.disabled()) {
                return Optional.empty();
            }
            return switch (a.source()) {
                case UserAccount.LOCAL -> verified(a, a.passwordHash(), password);
                case UserAccount.OIDC -> verified(a, a.cliSecretHash(), password);
                case UserAccount.LDAP -> directory(name, password);
                default -> Optional.empty();
            };
        }
        return directory(name, password);
    }

    private Optional<Caller> verified(UserAccount account, String hash, char[] password) {
        boolean matches = verify(password, hash == null ? decoy : hash);
        return matches && hash != null ? Optional.of(account.caller()) : Optional.empty();
    }

    private boolean verify(char[] password, String hash) {
        try {
            hashing.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting to check a password", e);
        }
        try {
            return hasher.verify(password, hash);
        } finally {
            hashing.release();
        }
    }

    /** An LDAP login records the account (and refreshes its groups), so it can be given roles and shows in lists. */
    private Optional<Caller> directory(String name, char[] password) {
        if (ldap.isEmpty()) {
            verify(password, decoy);
            return Optional.empty();
        }
        Optional<DirectoryIdentity> identity = ldap.get().authenticate(name, password);
        return identity.map(id -> DirectoryAccounts.record(users, UserAccount.LDAP, id).caller());
    }
}
