package io.flotilla.node.auth.http;

/** Logins at the token endpoint, successful or not, for the audit log. */
public interface LoginEvents {

    void loggedIn(String account, String source);

    void loginFailed(String claimedUser, String source, String why);
}
