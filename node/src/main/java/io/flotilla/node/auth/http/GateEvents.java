package io.flotilla.node.auth.http;

import io.flotilla.node.http.OciRoute;
import io.helidon.http.Method;

/** What the gate reports for the audit log: credentials that failed, and requests it refused. */
public interface GateEvents {

    void refused(String claimedUser, String source, OciRoute route, Method method, String why);

    void denied(Authenticated who, OciRoute route, Method method);
}
