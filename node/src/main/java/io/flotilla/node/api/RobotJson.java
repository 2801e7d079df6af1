package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.RobotAccount;
import io.flotilla.node.http.Json;

import java.time.Duration;
import java.time.Instant;

/**
 * A robot as Harbor's API shows one: the full name stands in for the numeric id, {@code expires_at} is in Unix
 * seconds ({@code -1}: never) and {@code duration} in days. The secret is never shown here, only its creation.
 */
final class RobotJson {

    private RobotJson() {
    }

    static ObjectNode of(RobotAccount r) {
        ObjectNode o = Json.object();
        o.put("id", r.name());
        o.put("name", r.name());
        o.put("description", r.description());
        o.put("level", r.level());
        o.put("project", r.project());
        o.put("duration", durationDays(r));
        o.put("editable", true);
        o.put("disable", r.disabled());
        o.put("expires_at", expiresAt(r.expiresAt()));
        o.set("permissions", RobotGrants.json(r.permissions()));
        o.put("creation_time", String.valueOf(r.createdAt()));
        o.put("update_time", String.valueOf(r.updatedAt()));
        return o;
    }

    /** What a creation or a rotation answers: the one time the secret is shown. */
    static ObjectNode created(RobotAccount r, char[] secret) {
        ObjectNode o = Json.object();
        o.put("id", r.name());
        o.put("name", r.name());
        o.put("secret", new String(secret));
        o.put("creation_time", String.valueOf(r.createdAt()));
        o.put("expires_at", expiresAt(r.expiresAt()));
        return o;
    }

    static long expiresAt(Instant at) {
        return at == null ? -1 : at.getEpochSecond();
    }

    static long durationDays(RobotAccount r) {
        if (r.expiresAt() == null) {
            return -1;
        }
        Duration d = Duration.between(r.createdAt(), r.expiresAt());
        return (d.toHours() + 23) / 24;
    }
}
