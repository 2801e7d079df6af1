package io.flotilla.node.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.node.access.UserAccount;
import io.flotilla.node.http.Json;

/** A user as Harbor's API shows one (its UserResp fields; the name stands in for the numeric id). Never a hash. */
final class UserJson {

    private UserJson() {
    }

    static ObjectNode of(UserAccount u) {
        ObjectNode o = Json.object();
        o.put("user_id", u.name());
        o.put("username", u.name());
        o.put("email", u.email());
        o.put("realname", u.displayName());
        o.put("comment", "");
        o.put("sysadmin_flag", u.systemAdmin());
        o.put("admin_role_in_auth", false);
        o.put("creation_time", String.valueOf(u.createdAt()));
        o.put("update_time", String.valueOf(u.updatedAt()));
        o.put("auth_source", u.source());
        o.put("disabled", u.disabled());
        return o;
    }
}
