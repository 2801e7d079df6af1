package io.flotilla.node.access;

import java.time.Clock;
import java.util.Optional;

/**
 * Finds the caller an account name stands for now (through the caches): a token names only its subject, and
 * the account may since have been disabled, expired or deleted.
 */
public final class Accounts {

    private final Users users;
    private final Robots robots;
    private final Clock clock;

    public Accounts(Users users, Robots robots, Clock clock) {
        this.users = users;
        this.robots = robots;
        this.clock = clock;
    }

    public Optional<Caller> callerFor(String name) {
        if (name.startsWith(RobotAccount.PREFIX)) {
            return robots.find(name).filter(r -> r.usableAt(clock.instant())).map(Caller::robot);
        }
        return users.find(name).filter(u -> !u.disabled()).map(UserAccount::caller);
    }

    public Users users() {
        return users;
    }

    public Robots robots() {
        return robots;
    }
}
